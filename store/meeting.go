package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"bilat"
)

var participantList = childList{table: "meeting_participants", parent: "meeting_id", item: "person_id"}

var meetings = &table[bilat.Meeting]{
	entity: "meeting",
	name:   "meetings",
	cols: []string{"event_id", "request_id", "principal_id", "room_id", "start_at", "end_at", "briefing", "outcome",
		"decisions", "pinned", "illustrative", "outcome_kind", "topics_discussed"},
	record: func(x *bilat.Meeting) *bilat.Record { return &x.Record },
	values: func(x *bilat.Meeting) []any {
		return []any{x.EventID, x.RequestID, x.PrincipalID, x.RoomID, ts(x.Start), ts(x.End), nullStr(x.Briefing), nullStr(x.Outcome),
			jsonCol{list(x.Decisions)}, x.Pinned, x.Illustrative, nullStr(string(x.OutcomeKind)), jsonCol{list(x.TopicsDiscussed)}}
	},
	dests: func(x *bilat.Meeting) []any {
		return []any{&x.EventID, &x.RequestID, &x.PrincipalID, &x.RoomID, tsCol{&x.Start}, tsCol{&x.End}, strCol{&x.Briefing}, strCol{&x.Outcome},
			jsonCol{&x.Decisions}, &x.Pinned, &x.Illustrative, strCol{(*string)(&x.OutcomeKind)}, jsonCol{&x.TopicsDiscussed}}
	},
	load: loadMeetingLists,
	save: func(ctx context.Context, tx *Tx, x *bilat.Meeting) error {
		return saveList(ctx, tx, participantList, x.ID, x.Participants)
	},
}

// loadMeetingLists fills the participants and the status, which is the
// status of the meeting's request.
func loadMeetingLists(ctx context.Context, c conn, xs []*bilat.Meeting) error {
	ps, err := loadLists[int64](ctx, c, participantList, idsOf(func(x *bilat.Meeting) *bilat.Record { return &x.Record }, xs))
	if err != nil {
		return err
	}
	reqIDs := make([]int64, len(xs))
	for i, x := range xs {
		reqIDs[i] = x.RequestID
	}
	rows, err := c.query(ctx, "SELECT id, status FROM requests WHERE id IN ("+placeholders(len(reqIDs))+")", anys(reqIDs)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	status := map[int64]bilat.RequestStatus{}
	for rows.Next() {
		var id int64
		var s bilat.RequestStatus
		if err := rows.Scan(&id, &s); err != nil {
			return err
		}
		status[id] = s
	}
	for _, x := range xs {
		x.Participants, x.Decisions, x.Status = list(ps[x.ID]), list(x.Decisions), status[x.RequestID]
		x.TopicsDiscussed = list(x.TopicsDiscussed)
	}
	return rows.Err()
}

// insertMeeting checks the meeting's place in the programme and creates it.
func insertMeeting(ctx context.Context, tx *Tx, action string, m *bilat.Meeting) error {
	m.Participants, m.Decisions, m.TopicsDiscussed = list(m.Participants), list(m.Decisions), list(m.TopicsDiscussed)
	if err := checkMeeting(ctx, tx.conn, m); err != nil {
		return err
	}
	return meetings.insert(ctx, tx, action, m)
}

// checkMeeting checks the meeting's fields and references, that it falls
// within the event's days, and then that neither its principal nor its
// room is taken at that time.
func checkMeeting(ctx context.Context, c conn, m *bilat.Meeting) error {
	if err := m.Validate(); err != nil {
		return merge(err, checkMeetingRefs(ctx, c, m))
	}
	if err := checkMeetingRefs(ctx, c, m); err != nil {
		return err
	}
	return checkDoubleBooking(ctx, c, m)
}

func checkMeetingRefs(ctx context.Context, c conn, m *bilat.Meeting) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("principal_id", "principals", "principal", m.PrincipalID, m.EventID)
	r.need("room_id", "rooms", "room", m.RoomID, m.EventID)
	for i, p := range m.Participants {
		r.need(indexField("participants", i), "people", "person", p, 0)
	}
	r.topics("topics_discussed", m.TopicsDiscussed)
	if r.err == nil && !m.Start.IsZero() {
		r.err = checkWithinEvent(ctx, c, m, r.v)
	}
	return r.done("meeting")
}

func checkWithinEvent(ctx context.Context, c conn, m *bilat.Meeting, v bilat.Problems) error {
	e, err := events.get(ctx, c, m.EventID)
	if err != nil {
		return err
	}
	loc, err := e.Location()
	if err != nil {
		return err
	}
	first, _ := time.ParseInLocation(bilat.DateLayout, e.FirstDay, loc)
	last, _ := time.ParseInLocation(bilat.DateLayout, e.LastDay, loc)
	v.Check(!m.Start.Before(first) && m.End.Before(last.AddDate(0, 0, 1).Add(time.Second)), "start",
		"is outside the event's days (%s to %s, %s)", e.FirstDay, e.LastDay, e.Timezone)
	return nil
}

// checkDoubleBooking refuses a meeting whose principal or room already has
// a scheduled or held meeting at an overlapping time.
func checkDoubleBooking(ctx context.Context, c conn, m *bilat.Meeting) error {
	q := `SELECT m.id, m.principal_id, m.room_id, m.start_at FROM meetings m JOIN requests r ON r.id = m.request_id
		WHERE m.event_id = ? AND m.id <> ? AND r.status IN ('scheduled', 'held')
		AND (m.principal_id = ? OR m.room_id = ?) AND m.start_at < ? AND m.end_at > ?
		ORDER BY m.start_at LIMIT 1`
	var id, principal, room int64
	var start time.Time
	err := c.queryRow(ctx, q, m.EventID, m.ID, m.PrincipalID, m.RoomID, ts(m.End), ts(m.Start)).Scan(&id, &principal, &room, tsCol{&start})
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	who := "room"
	if principal == m.PrincipalID {
		who = "principal"
	}
	return bilat.Errorf(bilat.ECONFLICT, "the %s is already booked then: meeting %d starts at %s", who, id, start.Format(time.RFC3339))
}

// Meeting returns the meeting with id.
func (db *DB) Meeting(ctx context.Context, id int64) (*bilat.Meeting, error) {
	return meetings.get(ctx, db.reader(), id)
}

// ListMeetings lists meetings in time order.
func (db *DB) ListMeetings(ctx context.Context, f bilat.MeetingFilter) ([]*bilat.Meeting, int, error) {
	var w where
	if f.EventID != 0 {
		w.add("meetings.event_id = ?", f.EventID)
	}
	if f.PrincipalID != 0 {
		w.add("meetings.principal_id = ?", f.PrincipalID)
	}
	if f.RoomID != 0 {
		w.add("meetings.room_id = ?", f.RoomID)
	}
	if f.DelegationID != 0 || f.Status != "" {
		w.joins = append(w.joins, "JOIN requests ON requests.id = meetings.request_id")
	}
	if f.DelegationID != 0 {
		w.add("requests.delegation_id = ?", f.DelegationID)
	}
	if f.Status != "" {
		w.add("requests.status = ?", f.Status)
	}
	if f.Day != "" {
		if err := dayFilter(ctx, db, f, &w); err != nil {
			return nil, 0, err
		}
	}
	return meetings.list(ctx, db.reader(), w, "meetings.start_at, meetings.id", f.Page)
}

// dayFilter limits meetings to one day in the event's time zone.
func dayFilter(ctx context.Context, db *DB, f bilat.MeetingFilter, w *where) error {
	v := bilat.NewProblems("")
	v.Check(f.EventID != 0, "event_id", "is required to filter by day")
	v.Date(f.Day, "day")
	if err := v.Err("filter"); err != nil {
		return err
	}
	e, err := db.Event(ctx, f.EventID)
	if err != nil {
		return err
	}
	loc, err := e.Location()
	if err != nil {
		return err
	}
	day, _ := time.ParseInLocation(bilat.DateLayout, f.Day, loc)
	w.add("meetings.start_at >= ? AND meetings.start_at < ?", ts(day), ts(day.AddDate(0, 0, 1)))
	return nil
}

// UpdateMeeting moves a meeting or records what happened at it. Its event
// and request cannot change, and its status changes with its request.
func (db *DB) UpdateMeeting(ctx context.Context, a bilat.Actor, m *bilat.Meeting) error {
	m.Participants, m.Decisions, m.TopicsDiscussed = list(m.Participants), list(m.Decisions), list(m.TopicsDiscussed)
	m.Start, m.End = m.Start.UTC(), m.End.UTC()
	return db.inTx(ctx, a, func(tx *Tx) error {
		cur, err := meetings.get(ctx, tx.conn, m.ID)
		if err != nil {
			return err
		}
		v := bilat.NewProblems("")
		v.Check(cur.EventID == m.EventID, "event_id", "cannot change")
		v.Check(cur.RequestID == m.RequestID, "request_id", "cannot change")
		v.Check(m.Status == "" || m.Status == cur.Status, "status", "changes only through the request's transitions")
		m.Status = cur.Status
		if err := merge(v.Err("meeting"), checkMeeting(ctx, tx.conn, m)); err != nil {
			return err
		}
		return meetings.update(ctx, tx, "update", m)
	})
}
