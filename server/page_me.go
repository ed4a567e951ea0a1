package server

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"bilat"
)

// The pages of the host's principals and of viewers, who are not the
// desk: a principal sees their own programme and the briefing of each of
// their meetings (GET /me), a viewer the figures of an event without a
// single name of a counterpart (GET /events/{event}/figures, page_me_figures.go).

// mePages is the principal's and the viewer's part of the page table.
func (s *Server) mePages() []pageRoute {
	return []pageRoute{
		{"GET", "/me", principal, s.mePage},
		{"GET", "/events/{event}/figures", staff | viewer, s.meFigures},
	}
}

// meProgramme is the data of /me: the events where the reader is a
// principal (or a deputy), each with its days.
type meProgramme struct {
	Events []meEvent
}

// meEvent is one event of a principal's programme.
type meEvent struct {
	Event *bilat.Event
	Name  string
	Zone  string
	Days  []meDay
}

// meDay is one day of a principal's programme, in the event's zone.
type meDay struct {
	Start time.Time
	Rows  []meRow
}

// meRow is one engagement: a meeting, or a programme session when
// Session is set. Role says how the reader takes part in a meeting:
// "principal", "deputy" (standing in for StandsInFor) or "participant".
type meRow struct {
	Start, End  time.Time
	Session     string
	Kind        bilat.SessionKind
	MeetingID   int64
	Status      bilat.RequestStatus
	Role        string
	StandsInFor string
	With        string // the principal a participant joins
	Room        string
	Venue       string
	Counterpart string
	Topics      []string
	Briefing    string
}

// mePage shows a principal their own programme across the events where
// they are a principal.
func (s *Server) mePage(w http.ResponseWriter, r *http.Request, v *view) error {
	u := userOf(r)
	events, err := all(r.Context(), func(ctx context.Context, p bilat.Page) ([]*bilat.Event, int, error) {
		return s.desk.ListEvents(ctx, bilat.EventFilter{Page: p})
	})
	if err != nil {
		return err
	}
	out := &meProgramme{}
	for _, e := range events {
		mine, err := s.mePrincipals(r.Context(), e.ID, u.PersonID)
		if err != nil {
			return err
		}
		if len(mine) == 0 {
			continue
		}
		me, err := s.meEvent(r.Context(), v, e, mine, u.PersonID)
		if err != nil {
			return err
		}
		out.Events = append(out.Events, *me)
	}
	v.Title, v.Nav, v.Data = v.L.T("me.title"), "me", out
	return s.render(w, http.StatusOK, "me", v)
}

// mePrincipals are the principal records of a person at an event (a
// person is one principal, or one deputy, per event; the map allows more).
func (s *Server) mePrincipals(ctx context.Context, eventID, personID int64) (map[int64]*bilat.Principal, error) {
	ps, err := all(ctx, pageOf(bilat.EventPart{EventID: eventID}, s.desk.ListPrincipals))
	if err != nil {
		return nil, err
	}
	mine := map[int64]*bilat.Principal{}
	for _, p := range ps {
		if personID != 0 && p.PersonID == personID {
			mine[p.ID] = p
		}
	}
	return mine, nil
}

// meEvent lays out a principal's meetings and sessions at one event, day
// by day.
func (s *Server) meEvent(ctx context.Context, v *view, e *bilat.Event, mine map[int64]*bilat.Principal, personID int64) (*meEvent, error) {
	zone, err := e.Location()
	if err != nil {
		zone = time.UTC
	}
	d, requests, meetings, err := s.loadDesk(ctx, e)
	if err != nil {
		return nil, err
	}
	topics, err := s.topicNames(ctx, v.L.Lang)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*bilat.Request{}
	for _, x := range requests {
		byID[x.ID] = x
	}
	var rows []meRow
	for _, m := range meetings {
		if !dashboardBooked(m) || !meTakesPart(m, mine, personID) {
			continue
		}
		rows = append(rows, meMeetingRow(v, d, byID[m.RequestID], m, mine, topics, zone))
	}
	for _, ps := range d.Sessions {
		if dashboardAttends(ps, personID) {
			rows = append(rows, meRow{Start: ps.Start.In(zone), End: ps.End.In(zone), Session: ps.Title, Kind: ps.Kind})
		}
	}
	slices.SortStableFunc(rows, func(x, y meRow) int { return x.Start.Compare(y.Start) })
	out := &meEvent{Event: e, Name: eventName(e, v.L.Lang), Zone: e.Timezone}
	for _, day := range dashboardDays(e, zone) {
		md := meDay{Start: day.Start}
		for _, row := range rows {
			if dashboardWithin(row.Start, day.Start) {
				md.Rows = append(md.Rows, row)
			}
		}
		if len(md.Rows) > 0 {
			out.Days = append(out.Days, md)
		}
	}
	return out, nil
}

// meTakesPart reports whether a person meets in a meeting: as its
// principal (or the deputy booked for it), or among its participants.
func meTakesPart(m *bilat.Meeting, mine map[int64]*bilat.Principal, personID int64) bool {
	return mine[m.PrincipalID] != nil || (personID != 0 && slices.Contains(m.Participants, personID))
}

// meMeetingRow describes one of the reader's meetings.
func meMeetingRow(v *view, d *EventData, req *bilat.Request, m *bilat.Meeting, mine map[int64]*bilat.Principal, topics map[string]string, zone *time.Location) meRow {
	row := meRow{Start: m.Start.In(zone), End: m.End.In(zone), MeetingID: m.ID, Status: m.Status, Briefing: m.Briefing,
		Room: d.RoomName(m.RoomID), Role: "participant"}
	if room := d.Rooms[m.RoomID]; room != nil && d.Venues[room.VenueID] != nil {
		row.Venue = d.Venues[room.VenueID].Name
	}
	switch p := mine[m.PrincipalID]; {
	case p == nil:
		row.With = d.PrincipalName(m.PrincipalID)
	case p.DeputyOf != 0:
		row.Role, row.StandsInFor = "deputy", d.PrincipalName(p.DeputyOf)
	default:
		row.Role = "principal"
	}
	if req != nil {
		row.Counterpart = v.PartnerName(d.DelegationPartner(req.DelegationID))
		for _, t := range req.Topics {
			row.Topics = append(row.Topics, cmp.Or(topics[t], t))
		}
	}
	return row
}

// meOwnsMeeting reports whether a principal user may see a meeting: it
// is theirs as its principal or one of its participants. Everyone else's
// meetings answer 404, so that their ids reveal nothing.
func (s *Server) meOwnsMeeting(ctx context.Context, u *bilat.User, m *bilat.Meeting) error {
	mine, err := s.mePrincipals(ctx, m.EventID, u.PersonID)
	if err != nil {
		return err
	}
	if !meTakesPart(m, mine, u.PersonID) {
		return bilat.Errorf(bilat.ENOTFOUND, "meeting %d not found", m.ID)
	}
	return nil
}

// meMeetingPage shows a principal one of their own meetings, read only;
// anyone else's answers 404.
func (s *Server) meMeetingPage(w http.ResponseWriter, r *http.Request, v *view, u *bilat.User) error {
	m, err := byID(s.desk.Meeting)(r)
	if err != nil {
		return err
	}
	if err := s.meOwnsMeeting(r.Context(), u, m); err != nil {
		return err
	}
	if _, err := s.loadMeeting(r, v); err != nil {
		return err
	}
	v.Nav = "me"
	return s.render(w, http.StatusOK, "me-meeting", v)
}

// mePrintOwn limits the printable programme to a principal's own day: the
// choices hold only their own principal records and no room, another
// principal's id answers 404 as if it did not exist, and without an id
// their own is chosen. It returns the id to print.
func (s *Server) mePrintOwn(sheet *printSheet, d *EventData, u *bilat.User, id string) (string, error) {
	var own []option
	for _, o := range sheet.Principals {
		n, _ := strconv.ParseInt(o.Value, 10, 64)
		if p := d.Principals[n]; p != nil && u.PersonID != 0 && p.PersonID == u.PersonID {
			own = append(own, o)
		}
	}
	sheet.Principals, sheet.Rooms = own, nil
	if len(own) == 0 {
		return "", bilat.Errorf(bilat.ENOTFOUND, "event %q not found", d.Event.Slug)
	}
	if sheet.By != "principal" {
		return "", bilat.Errorf(bilat.EFORBIDDEN, "a principal may print only their own programme")
	}
	if id == "" {
		return own[0].Value, nil
	}
	for _, o := range own {
		if o.Value == id {
			return id, nil
		}
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return "", printInvalid("id", "must be the number of a principal or a room")
	}
	return "", bilat.Errorf(bilat.ENOTFOUND, "principal %d is not a principal of this event", n)
}
