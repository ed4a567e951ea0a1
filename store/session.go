package store

import (
	"context"

	"bilat"
)

var sessions = &table[bilat.ProgrammeSession]{
	entity: "programme session",
	name:   "sessions",
	cols:   []string{"event_id", "kind", "title", "start_at", "end_at", "venue_id", "illustrative"},
	record: func(x *bilat.ProgrammeSession) *bilat.Record { return &x.Record },
	values: func(x *bilat.ProgrammeSession) []any {
		return []any{x.EventID, x.Kind, x.Title, ts(x.Start), ts(x.End), nullID(x.VenueID), x.Illustrative}
	},
	dests: func(x *bilat.ProgrammeSession) []any {
		return []any{&x.EventID, &x.Kind, &x.Title, tsCol{&x.Start}, tsCol{&x.End}, idCol{&x.VenueID}, &x.Illustrative}
	},
}

func init() {
	l := childList{table: "session_attendees", parent: "session_id", item: "person_id"}
	sessions.load, sessions.save = idList(l, func() *table[bilat.ProgrammeSession] { return sessions },
		func(x *bilat.ProgrammeSession) *[]int64 { return &x.Attendees })
}

func checkSession(ctx context.Context, c conn, x *bilat.ProgrammeSession) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("event_id", "events", "event", x.EventID, 0)
	r.need("venue_id", "venues", "venue", x.VenueID, x.EventID)
	for i, p := range x.Attendees {
		r.need(indexField("attendees", i), "people", "person", p, 0)
	}
	return r.done("programme session")
}

// CreateSession adds a session to the event's programme.
func (db *DB) CreateSession(ctx context.Context, a bilat.Actor, x *bilat.ProgrammeSession) error {
	x.Attendees = list(x.Attendees)
	return create(ctx, db, a, sessions, x, x.Validate, checkSession)
}

// Session returns the programme session with id.
func (db *DB) Session(ctx context.Context, id int64) (*bilat.ProgrammeSession, error) {
	return sessions.get(ctx, db.reader(), id)
}

// ListSessions lists an event's programme in time order.
func (db *DB) ListSessions(ctx context.Context, f bilat.EventPart) ([]*bilat.ProgrammeSession, int, error) {
	return eventPart(ctx, db, sessions, f, "start_at, id")
}

// UpdateSession changes a programme session.
func (db *DB) UpdateSession(ctx context.Context, a bilat.Actor, x *bilat.ProgrammeSession) error {
	x.Attendees = list(x.Attendees)
	return updatePart(ctx, db, a, sessions, x, x.EventID, x.Validate, checkSession)
}
