package plan

import (
	"context"
	"maps"
	"slices"
	"time"

	"bilat"
)

// Records is what Build reads: the read half of some of the desk's
// services. A bilat.Desk satisfies it.
type Records interface {
	Event(ctx context.Context, id int64) (*bilat.Event, error)
	Partner(ctx context.Context, id int64) (*bilat.Partner, error)
	Person(ctx context.Context, id int64) (*bilat.Person, error)
	ListVenues(ctx context.Context, f bilat.EventPart) ([]*bilat.Venue, int, error)
	ListRooms(ctx context.Context, f bilat.EventPart) ([]*bilat.Room, int, error)
	ListSessions(ctx context.Context, f bilat.EventPart) ([]*bilat.ProgrammeSession, int, error)
	ListDelegations(ctx context.Context, f bilat.DelegationFilter) ([]*bilat.Delegation, int, error)
	ListPrincipals(ctx context.Context, f bilat.EventPart) ([]*bilat.Principal, int, error)
	ListRequests(ctx context.Context, f bilat.RequestFilter) ([]*bilat.Request, int, error)
	ListMeetings(ctx context.Context, f bilat.MeetingFilter) ([]*bilat.Meeting, int, error)
}

var _ Records = bilat.Desk(nil)

// world is everything of one event that Build reads.
type world struct {
	event       *bilat.Event
	loc         *time.Location
	venues      []*bilat.Venue
	rooms       []*bilat.Room
	sessions    []*bilat.ProgrammeSession
	delegations map[int64]*bilat.Delegation
	principals  []*bilat.Principal
	requests    map[int64]*bilat.Request // every request of the event
	meetings    []*bilat.Meeting         // every meeting of the event
	partners    map[int64]*bilat.Partner
	people      map[int64]*bilat.Person
}

// read loads the event and its parts.
func read(ctx context.Context, r Records, eventID int64) (*world, error) {
	e, err := r.Event(ctx, eventID)
	if err != nil {
		return nil, err
	}
	loc, err := e.Location()
	if err != nil {
		return nil, err
	}
	w := &world{event: e, loc: loc, partners: map[int64]*bilat.Partner{}, people: map[int64]*bilat.Person{}}
	part := func(p bilat.Page) bilat.EventPart { return bilat.EventPart{EventID: e.ID, Page: p} }
	if w.venues, err = all(func(p bilat.Page) ([]*bilat.Venue, int, error) { return r.ListVenues(ctx, part(p)) }); err != nil {
		return nil, err
	}
	if w.rooms, err = all(func(p bilat.Page) ([]*bilat.Room, int, error) { return r.ListRooms(ctx, part(p)) }); err != nil {
		return nil, err
	}
	if w.sessions, err = all(func(p bilat.Page) ([]*bilat.ProgrammeSession, int, error) { return r.ListSessions(ctx, part(p)) }); err != nil {
		return nil, err
	}
	if w.principals, err = all(func(p bilat.Page) ([]*bilat.Principal, int, error) { return r.ListPrincipals(ctx, part(p)) }); err != nil {
		return nil, err
	}
	if err := w.readRequests(ctx, r); err != nil {
		return nil, err
	}
	return w, w.readNames(ctx, r)
}

// readRequests loads the delegations, requests and meetings.
func (w *world) readRequests(ctx context.Context, r Records) error {
	id := w.event.ID
	ds, err := all(func(p bilat.Page) ([]*bilat.Delegation, int, error) {
		return r.ListDelegations(ctx, bilat.DelegationFilter{EventID: id, Page: p})
	})
	if err != nil {
		return err
	}
	w.delegations = byID(ds, func(d *bilat.Delegation) int64 { return d.ID })
	rs, err := all(func(p bilat.Page) ([]*bilat.Request, int, error) {
		return r.ListRequests(ctx, bilat.RequestFilter{EventID: id, Page: p})
	})
	if err != nil {
		return err
	}
	w.requests = byID(rs, func(x *bilat.Request) int64 { return x.ID })
	w.meetings, err = all(func(p bilat.Page) ([]*bilat.Meeting, int, error) {
		return r.ListMeetings(ctx, bilat.MeetingFilter{EventID: id, Page: p})
	})
	return err
}

// readNames loads the names a proposal shows: of the partners that made
// requests, the host, the principals and those who attend for the
// requests to place.
func (w *world) readNames(ctx context.Context, r Records) error {
	partners := []int64{w.event.HostPartnerID}
	for _, id := range slices.Sorted(maps.Keys(w.requests)) {
		if d := w.delegations[w.requests[id].DelegationID]; d != nil {
			partners = append(partners, d.PartnerID)
		}
	}
	people := []int64{}
	for _, p := range w.principals {
		people = append(people, p.PersonID)
	}
	for _, x := range w.open() {
		people = append(people, w.requester(x))
	}
	if err := readEach(ctx, partners, w.partners, r.Partner); err != nil {
		return err
	}
	return readEach(ctx, people, w.people, r.Person)
}

// readEach reads each record of ids that into does not hold yet, skipping
// id 0.
func readEach[T any](ctx context.Context, ids []int64, into map[int64]*T, get func(context.Context, int64) (*T, error)) error {
	for _, id := range ids {
		if id == 0 || into[id] != nil {
			continue
		}
		x, err := get(ctx, id)
		if err != nil {
			return err
		}
		into[id] = x
	}
	return nil
}

// open returns the requests to place: accepted ones, and scheduled ones
// (which keep a place), by id.
func (w *world) open() []*bilat.Request {
	var out []*bilat.Request
	for _, id := range slices.Sorted(maps.Keys(w.requests)) {
		if x := w.requests[id]; x.Status == bilat.StatusAccepted || x.Status == bilat.StatusScheduled {
			out = append(out, x)
		}
	}
	return out
}

// requester is the person who attends for the requesting delegation: the
// one who asked, else the head of the delegation; 0 when neither is known.
func (w *world) requester(x *bilat.Request) int64 {
	if x.RequestedByID != 0 {
		return x.RequestedByID
	}
	if d := w.delegations[x.DelegationID]; d != nil {
		return d.HeadID
	}
	return 0
}

// current returns the scheduled meeting of each scheduled request.
func (w *world) current() map[int64]*bilat.Meeting {
	out := map[int64]*bilat.Meeting{}
	for _, m := range w.meetings {
		if m.Status == bilat.StatusScheduled {
			out[m.RequestID] = m
		}
	}
	return out
}

// all reads every page of a list.
func all[T any](list func(bilat.Page) ([]*T, int, error)) ([]*T, error) {
	var out []*T
	for {
		page, total, err := list(bilat.Page{Offset: len(out), Limit: bilat.MaxLimit})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out, nil
		}
	}
}

func byID[T any](xs []*T, id func(*T) int64) map[int64]*T {
	out := make(map[int64]*T, len(xs))
	for _, x := range xs {
		out[id(x)] = x
	}
	return out
}
