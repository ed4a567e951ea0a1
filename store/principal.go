package store

import (
	"context"

	"bilat"
)

var principals = &table[bilat.Principal]{
	entity: "principal",
	name:   "principals",
	cols:   []string{"event_id", "person_id", "deputy_of", "max_meetings_per_day"},
	record: func(x *bilat.Principal) *bilat.Record { return &x.Record },
	values: func(x *bilat.Principal) []any {
		return []any{x.EventID, x.PersonID, nullID(x.DeputyOf), x.MaxMeetingsPerDay}
	},
	dests: func(x *bilat.Principal) []any {
		return []any{&x.EventID, &x.PersonID, idCol{&x.DeputyOf}, &x.MaxMeetingsPerDay}
	},
}

func checkPrincipal(ctx context.Context, c conn, x *bilat.Principal) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("event_id", "events", "event", x.EventID, 0)
	r.need("person_id", "people", "person", x.PersonID, 0)
	r.need("deputy_of", "principals", "principal", x.DeputyOf, x.EventID)
	if r.err == nil {
		var n int
		r.err = c.queryRow(ctx, "SELECT count(*) FROM principals WHERE event_id = ? AND person_id = ? AND id <> ?", x.EventID, x.PersonID, x.ID).Scan(&n)
		r.v.Check(n == 0, "person_id", "this person is already a principal of the event")
	}
	return r.done("principal")
}

// CreatePrincipal registers one of the host's principals or deputies.
func (db *DB) CreatePrincipal(ctx context.Context, a bilat.Actor, x *bilat.Principal) error {
	return create(ctx, db, a, principals, x, x.Validate, checkPrincipal)
}

// Principal returns the principal with id.
func (db *DB) Principal(ctx context.Context, id int64) (*bilat.Principal, error) {
	return principals.get(ctx, db.reader(), id)
}

// ListPrincipals lists an event's principals and deputies.
func (db *DB) ListPrincipals(ctx context.Context, f bilat.EventPart) ([]*bilat.Principal, int, error) {
	return eventPart(ctx, db, principals, f, "")
}

// UpdatePrincipal changes a principal.
func (db *DB) UpdatePrincipal(ctx context.Context, a bilat.Actor, x *bilat.Principal) error {
	return updatePart(ctx, db, a, principals, x, x.EventID, x.Validate, checkPrincipal)
}
