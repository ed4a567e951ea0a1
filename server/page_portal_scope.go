package server

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"time"

	"bilat"
)

// The delegation portal sees one delegation of one event: the liaison's,
// read from their account and never from the request. Every record a
// request names by id is checked against it, and one of another
// delegation is "not found", exactly as an id that does not exist.

// portal is a liaison's scope and the few names its pages show.
type portal struct {
	User       *bilat.User
	Event      *bilat.Event
	Zone       *time.Location
	Delegation *bilat.Delegation
	Partner    *bilat.Partner
	principals map[int64]string // principal id → the person's name
	rooms      map[int64]*bilat.Room
	venues     map[int64]*bilat.Venue
}

// portalOf is the scope of the signed-in liaison (pages) or the token's
// liaison (API).
func (s *Server) portalOf(r *http.Request) (*portal, error) {
	u := userOf(r)
	if u == nil || u.Role != bilat.RoleLiaison || u.DelegationID == 0 {
		return nil, bilat.Errorf(bilat.EFORBIDDEN, "the portal is for a delegation's liaison")
	}
	ctx := r.Context()
	d, err := s.desk.Delegation(ctx, u.DelegationID)
	if err != nil {
		return nil, err
	}
	if d.EventID != u.EventID {
		return nil, bilat.Errorf(bilat.EFORBIDDEN, "this account's delegation is not at its event; ask the desk")
	}
	e, err := s.desk.Event(ctx, u.EventID)
	if err != nil {
		return nil, err
	}
	zone, err := e.Location()
	if err != nil {
		zone = time.UTC
	}
	partner, err := s.desk.Partner(ctx, d.PartnerID)
	if err != nil {
		return nil, err
	}
	return &portal{User: u, Event: e, Zone: zone, Delegation: d, Partner: partner}, nil
}

// loadPortalNames reads the names of the host's principals, the rooms and the
// venues of the event: the only other records the portal shows.
func (s *Server) loadPortalNames(ctx context.Context, p *portal) error {
	part := bilat.EventPart{EventID: p.Event.ID}
	principals, err := all(ctx, pageOf(part, s.desk.ListPrincipals))
	if err != nil {
		return err
	}
	p.principals = map[int64]string{}
	for _, x := range principals {
		person, err := s.desk.Person(ctx, x.PersonID)
		if err != nil {
			return err
		}
		p.principals[x.ID] = person.Name
	}
	rooms, err := all(ctx, pageOf(part, s.desk.ListRooms))
	if err != nil {
		return err
	}
	p.rooms = map[int64]*bilat.Room{}
	for _, x := range rooms {
		p.rooms[x.ID] = x
	}
	venues, err := all(ctx, pageOf(part, s.desk.ListVenues))
	if err != nil {
		return err
	}
	p.venues = map[int64]*bilat.Venue{}
	for _, x := range venues {
		p.venues[x.ID] = x
	}
	return nil
}

// portalNotFound is the answer for a record outside the portal's delegation:
// the same words as for an id that does not exist.
func portalNotFound(entity string, id int64) error {
	return bilat.Errorf(bilat.ENOTFOUND, "%s %d not found", entity, id)
}

// ownRequest returns a request of the liaison's delegation.
func (s *Server) ownRequest(ctx context.Context, p *portal, id int64) (*bilat.Request, error) {
	x, err := s.desk.Request(ctx, id)
	if bilat.ErrorCode(err) == bilat.ENOTFOUND || (err == nil && x.DelegationID != p.Delegation.ID) {
		return nil, portalNotFound("request", id)
	}
	return x, err
}

// ownRequests lists the delegation's requests, newest first.
func (s *Server) ownRequests(ctx context.Context, p *portal) ([]*bilat.Request, error) {
	xs, err := all(ctx, func(ctx context.Context, pg bilat.Page) ([]*bilat.Request, int, error) {
		return s.desk.ListRequests(ctx, bilat.RequestFilter{EventID: p.Event.ID, DelegationID: p.Delegation.ID, Page: pg})
	})
	slices.Reverse(xs)
	return xs, err
}

// PortalMeeting is a confirmed meeting as the delegation sees it: when,
// where and with whom, and nothing of the host's briefing or outcome.
type PortalMeeting struct {
	ID          int64               `json:"id"`
	RequestID   int64               `json:"request_id"`
	Status      bilat.RequestStatus `json:"status"`
	Start       time.Time           `json:"start"`
	End         time.Time           `json:"end"`
	PrincipalID int64               `json:"principal_id"`
	Principal   string              `json:"principal"`
	Room        string              `json:"room"`
	Venue       string              `json:"venue"`
}

// ownMeetings lists the delegation's scheduled and held meetings in time
// order; the names must be loaded.
func (s *Server) ownMeetings(ctx context.Context, p *portal) ([]*PortalMeeting, error) {
	ms, err := all(ctx, func(ctx context.Context, pg bilat.Page) ([]*bilat.Meeting, int, error) {
		return s.desk.ListMeetings(ctx, bilat.MeetingFilter{EventID: p.Event.ID, DelegationID: p.Delegation.ID, Page: pg})
	})
	if err != nil {
		return nil, err
	}
	out := []*PortalMeeting{}
	for _, m := range ms {
		if m.Status != bilat.StatusScheduled && m.Status != bilat.StatusHeld {
			continue
		}
		pm := &PortalMeeting{ID: m.ID, RequestID: m.RequestID, Status: m.Status, Start: m.Start, End: m.End,
			PrincipalID: m.PrincipalID, Principal: p.principals[m.PrincipalID]}
		if room := p.rooms[m.RoomID]; room != nil {
			pm.Room = room.Name
			if v := p.venues[room.VenueID]; v != nil {
				pm.Venue = v.Name
			}
		}
		out = append(out, pm)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out, nil
}

// people are the delegation's head and members, whose time an
// unavailability blocks.
func (p *portal) people() []int64 {
	var ids []int64
	if p.Delegation.HeadID != 0 {
		ids = append(ids, p.Delegation.HeadID)
	}
	for _, m := range p.Delegation.Members {
		if !slices.Contains(ids, m) {
			ids = append(ids, m)
		}
	}
	return ids
}
