package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"bilat"
)

var actions = &table[bilat.Action]{
	entity: "action",
	name:   "actions",
	cols:   []string{"meeting_id", "description", "owner_id", "owner_name", "due", "status", "partner_id"},
	record: func(x *bilat.Action) *bilat.Record { return &x.Record },
	values: func(x *bilat.Action) []any {
		return []any{x.MeetingID, x.Description, nullID(x.OwnerID), nullStr(x.OwnerName), nullStr(x.Due), x.Status, nullID(x.PartnerID)}
	},
	dests: func(x *bilat.Action) []any {
		return []any{&x.MeetingID, &x.Description, idCol{&x.OwnerID}, strCol{&x.OwnerName}, strCol{&x.Due}, &x.Status, idCol{&x.PartnerID}}
	},
}

func checkAction(ctx context.Context, c conn, x *bilat.Action) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("meeting_id", "meetings", "meeting", x.MeetingID, 0)
	r.need("owner_id", "people", "person", x.OwnerID, 0)
	r.need("partner_id", "partners", "partner", x.PartnerID, 0)
	return r.done("action")
}

// normalizeAction trims the free text; a blank owner name is no owner.
func normalizeAction(x *bilat.Action) {
	x.Description, x.OwnerName = strings.TrimSpace(x.Description), strings.TrimSpace(x.OwnerName)
}

// meetingCounterpart is the partner of the delegation that asked for the
// meeting, or 0 when the meeting does not exist (checkAction says so).
func meetingCounterpart(ctx context.Context, c conn, meetingID int64) (int64, error) {
	var id int64
	err := c.queryRow(ctx, `SELECT d.partner_id FROM meetings m JOIN requests r ON r.id = m.request_id
		JOIN delegations d ON d.id = r.delegation_id WHERE m.id = ?`, meetingID).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	return id, nil
}

// CreateAction records a follow-up action of a meeting. Without a partner
// it concerns the meeting's counterpart.
func (db *DB) CreateAction(ctx context.Context, a bilat.Actor, x *bilat.Action) error {
	if x.Status == "" {
		x.Status = bilat.ActionOpen
	}
	normalizeAction(x)
	if x.PartnerID == 0 && x.MeetingID != 0 {
		id, err := meetingCounterpart(ctx, db.reader(), x.MeetingID)
		if err != nil {
			return err
		}
		x.PartnerID = id
	}
	return create(ctx, db, a, actions, x, x.Validate, checkAction)
}

// Action returns the action with id.
func (db *DB) Action(ctx context.Context, id int64) (*bilat.Action, error) {
	return actions.get(ctx, db.reader(), id)
}

// ListActions lists actions, soonest due first and those without a due
// date last (the same order in both databases, which sort NULL apart).
func (db *DB) ListActions(ctx context.Context, f bilat.ActionFilter) ([]*bilat.Action, int, error) {
	if err := checkActionFilter(f); err != nil {
		return nil, 0, err
	}
	var w where
	if f.EventID != 0 {
		w.add("EXISTS (SELECT 1 FROM meetings m WHERE m.id = actions.meeting_id AND m.event_id = ?)", f.EventID)
	}
	if f.MeetingID != 0 {
		w.add("actions.meeting_id = ?", f.MeetingID)
	}
	if f.PartnerID != 0 {
		w.add("actions.partner_id = ?", f.PartnerID)
	}
	if f.OwnerID != 0 {
		w.add("actions.owner_id = ?", f.OwnerID)
	}
	if f.Owner != "" {
		like := contains(f.Owner)
		w.add("(lower(actions.owner_name) LIKE ?"+likeEscape+" OR EXISTS (SELECT 1 FROM people p"+
			" WHERE p.id = actions.owner_id AND lower(p.name) LIKE ?"+likeEscape+"))", like, like)
	}
	if f.Status != "" {
		w.add("actions.status = ?", f.Status)
	}
	if f.DueFrom != "" {
		w.add("actions.due >= ?", f.DueFrom)
	}
	if f.DueTo != "" {
		w.add("actions.due <= ?", f.DueTo)
	}
	return actions.list(ctx, db.reader(), w, "CASE WHEN actions.due IS NULL THEN 1 ELSE 0 END, actions.due, actions.id", f.Page)
}

// checkActionFilter refuses dates that are not dates and an unknown status.
func checkActionFilter(f bilat.ActionFilter) error {
	v := bilat.NewProblems("")
	v.Date(f.DueFrom, "due_from")
	v.Date(f.DueTo, "due_to")
	v.Check(f.Status == "" || slices.Contains(bilat.ActionStatuses, f.Status), "status", "must be open, done or cancelled")
	return v.Err("filter")
}

// UpdateAction changes an action.
func (db *DB) UpdateAction(ctx context.Context, a bilat.Actor, x *bilat.Action) error {
	normalizeAction(x)
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := merge(x.Validate(), checkAction(ctx, tx.conn, x)); err != nil {
			return err
		}
		return actions.update(ctx, tx, "update", x)
	})
}
