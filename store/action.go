package store

import (
	"context"

	"bilat"
)

var actions = &table[bilat.Action]{
	entity: "action",
	name:   "actions",
	cols:   []string{"meeting_id", "description", "owner_id", "owner_name", "due", "status"},
	record: func(x *bilat.Action) *bilat.Record { return &x.Record },
	values: func(x *bilat.Action) []any {
		return []any{x.MeetingID, x.Description, nullID(x.OwnerID), nullStr(x.OwnerName), nullStr(x.Due), x.Status}
	},
	dests: func(x *bilat.Action) []any {
		return []any{&x.MeetingID, &x.Description, idCol{&x.OwnerID}, strCol{&x.OwnerName}, strCol{&x.Due}, &x.Status}
	},
}

func checkAction(ctx context.Context, c conn, x *bilat.Action) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("meeting_id", "meetings", "meeting", x.MeetingID, 0)
	r.need("owner_id", "people", "person", x.OwnerID, 0)
	return r.done("action")
}

// CreateAction records a follow-up action of a meeting.
func (db *DB) CreateAction(ctx context.Context, a bilat.Actor, x *bilat.Action) error {
	if x.Status == "" {
		x.Status = bilat.ActionOpen
	}
	return create(ctx, db, a, actions, x, x.Validate, checkAction)
}

// Action returns the action with id.
func (db *DB) Action(ctx context.Context, id int64) (*bilat.Action, error) {
	return actions.get(ctx, db.reader(), id)
}

// ListActions lists actions, soonest due first.
func (db *DB) ListActions(ctx context.Context, f bilat.ActionFilter) ([]*bilat.Action, int, error) {
	var w where
	if f.EventID != 0 {
		w.add("EXISTS (SELECT 1 FROM meetings m WHERE m.id = actions.meeting_id AND m.event_id = ?)", f.EventID)
	}
	if f.MeetingID != 0 {
		w.add("actions.meeting_id = ?", f.MeetingID)
	}
	if f.Status != "" {
		w.add("actions.status = ?", f.Status)
	}
	return actions.list(ctx, db.reader(), w, "actions.due, actions.id", f.Page)
}

// UpdateAction changes an action.
func (db *DB) UpdateAction(ctx context.Context, a bilat.Actor, x *bilat.Action) error {
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := merge(x.Validate(), checkAction(ctx, tx.conn, x)); err != nil {
			return err
		}
		return actions.update(ctx, tx, "update", x)
	})
}
