package store

import (
	"context"

	"bilat"
)

var delegations = &table[bilat.Delegation]{
	entity: "delegation",
	name:   "delegations",
	cols:   []string{"event_id", "partner_id", "head_id", "is_host", "notes", "notes_restricted", "illustrative"},
	record: func(x *bilat.Delegation) *bilat.Record { return &x.Record },
	values: func(x *bilat.Delegation) []any {
		return []any{x.EventID, x.PartnerID, nullID(x.HeadID), x.IsHost, nullStr(x.Notes), x.NotesRestricted, x.Illustrative}
	},
	dests: func(x *bilat.Delegation) []any {
		return []any{&x.EventID, &x.PartnerID, idCol{&x.HeadID}, &x.IsHost, strCol{&x.Notes}, &x.NotesRestricted, &x.Illustrative}
	},
}

func init() {
	l := childList{table: "delegation_members", parent: "delegation_id", item: "person_id"}
	delegations.load, delegations.save = idList(l, func() *table[bilat.Delegation] { return delegations },
		func(x *bilat.Delegation) *[]int64 { return &x.Members })
}

func checkDelegation(ctx context.Context, c conn, x *bilat.Delegation) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("event_id", "events", "event", x.EventID, 0)
	r.need("partner_id", "partners", "partner", x.PartnerID, 0)
	r.need("head_id", "people", "person", x.HeadID, 0)
	for i, p := range x.Members {
		r.need(indexField("members", i), "people", "person", p, 0)
	}
	if r.err == nil {
		var n int
		r.err = c.queryRow(ctx, "SELECT count(*) FROM delegations WHERE event_id = ? AND partner_id = ? AND id <> ?", x.EventID, x.PartnerID, x.ID).Scan(&n)
		r.v.Check(n == 0, "partner_id", "this partner already has a delegation at the event")
	}
	if r.err == nil && x.IsHost {
		var n int
		r.err = c.queryRow(ctx, "SELECT count(*) FROM delegations WHERE event_id = ? AND is_host = ? AND id <> ?", x.EventID, true, x.ID).Scan(&n)
		r.v.Check(n == 0, "is_host", "the event already has a host delegation")
	}
	return r.done("delegation")
}

// CreateDelegation records a partner's delegation at an event.
func (db *DB) CreateDelegation(ctx context.Context, a bilat.Actor, x *bilat.Delegation) error {
	x.Members = list(x.Members)
	return create(ctx, db, a, delegations, x, x.Validate, checkDelegation)
}

// Delegation returns the delegation with id.
func (db *DB) Delegation(ctx context.Context, id int64) (*bilat.Delegation, error) {
	return delegations.get(ctx, db.reader(), id)
}

// ListDelegations lists delegations.
func (db *DB) ListDelegations(ctx context.Context, f bilat.DelegationFilter) ([]*bilat.Delegation, int, error) {
	var w where
	if f.EventID != 0 {
		w.add("event_id = ?", f.EventID)
	}
	if f.PartnerID != 0 {
		w.add("partner_id = ?", f.PartnerID)
	}
	return delegations.list(ctx, db.reader(), w, "", f.Page)
}

// UpdateDelegation changes a delegation.
func (db *DB) UpdateDelegation(ctx context.Context, a bilat.Actor, x *bilat.Delegation) error {
	x.Members = list(x.Members)
	return updatePart(ctx, db, a, delegations, x, x.EventID, x.Validate, checkDelegation)
}
