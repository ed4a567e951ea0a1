package server

import (
	"context"
	"net/url"
	"strings"

	"bilat"
	"bilat/i18n"
)

// EventData is everything about one event that pages look names up in
// (exported so that page data embedding it exposes its records to
// bilat.Redact, which walks exported fields only):
// its delegations, principals, rooms, venues, sessions, and the partners
// and people they name. Pages load it once per request; at assembly size
// (a few hundred delegations) that is a handful of queries.
type EventData struct {
	Event       *bilat.Event
	Delegations map[int64]*bilat.Delegation
	Principals  map[int64]*bilat.Principal
	Rooms       map[int64]*bilat.Room
	Venues      map[int64]*bilat.Venue
	Sessions    []*bilat.ProgrammeSession
	Partners    map[int64]*bilat.Partner
	People      map[int64]*bilat.Person
}

// loadEvent reads an event's parts and the partners and people they name.
func (s *Server) loadEvent(ctx context.Context, e *bilat.Event) (*EventData, error) {
	d := &EventData{Event: e, Delegations: map[int64]*bilat.Delegation{}, Principals: map[int64]*bilat.Principal{},
		Rooms: map[int64]*bilat.Room{}, Venues: map[int64]*bilat.Venue{}, Partners: map[int64]*bilat.Partner{}, People: map[int64]*bilat.Person{}}
	part := bilat.EventPart{EventID: e.ID}
	delegations, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Delegation, int, error) {
		return s.desk.ListDelegations(ctx, bilat.DelegationFilter{EventID: e.ID, Page: p})
	})
	if err != nil {
		return nil, err
	}
	for _, x := range delegations {
		d.Delegations[x.ID] = x
	}
	principals, err := all(ctx, pageOf(part, s.desk.ListPrincipals))
	if err != nil {
		return nil, err
	}
	for _, x := range principals {
		d.Principals[x.ID] = x
	}
	rooms, err := all(ctx, pageOf(part, s.desk.ListRooms))
	if err != nil {
		return nil, err
	}
	for _, x := range rooms {
		d.Rooms[x.ID] = x
	}
	venues, err := all(ctx, pageOf(part, s.desk.ListVenues))
	if err != nil {
		return nil, err
	}
	for _, x := range venues {
		d.Venues[x.ID] = x
	}
	if d.Sessions, err = all(ctx, pageOf(part, s.desk.ListSessions)); err != nil {
		return nil, err
	}
	return d, s.loadNames(ctx, d)
}

// loadNames reads every partner, and the people of the event's
// delegations and principals.
func (s *Server) loadNames(ctx context.Context, d *EventData) error {
	partners, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Partner, int, error) {
		return s.desk.ListPartners(ctx, bilat.PartnerFilter{Page: p})
	})
	if err != nil {
		return err
	}
	for _, x := range partners {
		d.Partners[x.ID] = x
	}
	wanted := map[int64]bool{}
	for _, x := range d.Delegations {
		wanted[x.PartnerID] = true
	}
	for _, x := range d.Principals {
		p, err := s.desk.Person(ctx, x.PersonID)
		if err != nil {
			return err
		}
		wanted[p.PartnerID] = true
	}
	for partnerID := range wanted {
		people, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Person, int, error) {
			return s.desk.ListPeople(ctx, bilat.PersonFilter{PartnerID: partnerID, Page: p})
		})
		if err != nil {
			return err
		}
		for _, p := range people {
			d.People[p.ID] = p
		}
	}
	return nil
}

// DelegationPartner is the partner a delegation represents.
func (d *EventData) DelegationPartner(delegationID int64) *bilat.Partner {
	if x := d.Delegations[delegationID]; x != nil {
		return d.Partners[x.PartnerID]
	}
	return nil
}

// PrincipalName is the name of a principal's person.
func (d *EventData) PrincipalName(principalID int64) string {
	if x := d.Principals[principalID]; x != nil {
		if p := d.People[x.PersonID]; p != nil {
			return p.Name
		}
	}
	return ""
}

// RoomName is a room's name.
func (d *EventData) RoomName(roomID int64) string {
	if r := d.Rooms[roomID]; r != nil {
		return r.Name
	}
	return ""
}

// all reads every page of a list.
func all[T any](ctx context.Context, list func(context.Context, bilat.Page) ([]*T, int, error)) ([]*T, error) {
	var out []*T
	for p := (bilat.Page{Limit: bilat.MaxLimit}); ; p.Offset += p.Limit {
		items, total, err := list(ctx, p)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if len(items) == 0 || p.Offset+len(items) >= total {
			return out, nil
		}
	}
}

// pageOf adapts a list of an event's parts to all.
func pageOf[T any](part bilat.EventPart, list func(context.Context, bilat.EventPart) ([]*T, int, error)) func(context.Context, bilat.Page) ([]*T, int, error) {
	return func(ctx context.Context, p bilat.Page) ([]*T, int, error) {
		part.Page = p
		return list(ctx, part)
	}
}

// form is what a form page shows again after a refused submission: the
// values the user typed and each field's problem, beside the field.
type form struct {
	Values   url.Values
	Problems map[string]string // field path → message
	Other    []bilat.Problem   // problems of fields the form does not show
	Saved    bool
}

// newForm starts a form from submitted values.
func newForm(values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{Values: values, Problems: map[string]string{}}
}

// Value is what the user typed in a field.
func (f *form) Value(field string) string { return f.Values.Get(field) }

// Error is the problem of a field, or "".
func (f *form) Error(field string) string { return f.Problems[field] }

// Fail records the problems of err against the form's fields, in the
// reader's language where the catalogue has them; shown lists the fields
// the form has, and problems of others are listed on their own. It returns
// false when err is not an invalid-input error.
func (f *form) Fail(l *i18n.Locale, err error, shown ...string) bool {
	if bilat.ErrorCode(err) != bilat.EINVALID {
		return false
	}
	for _, p := range bilat.ErrorProblems(err) {
		p.Message = l.Problem(p.Message)
		field := p.Field
		if i := strings.IndexByte(field, '['); i > 0 && !contains(shown, field) {
			field = field[:i]
		}
		if contains(shown, field) {
			if f.Problems[field] == "" {
				f.Problems[field] = p.Message
			}
			continue
		}
		f.Other = append(f.Other, p)
	}
	if len(f.Problems) == 0 && len(f.Other) == 0 {
		f.Other = append(f.Other, bilat.Problem{Message: bilat.ErrorMessage(err)})
	}
	return true
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// option is one choice of a select field.
type option struct{ Value, Label string }
