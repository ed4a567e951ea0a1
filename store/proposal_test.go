package store_test

import (
	"strings"
	"testing"
	"time"

	"bilat"
	"bilat/store"
)

// scheduledPair accepts the first two requests of the fixture and
// schedules them with the principal, at 10:00 and 11:00 in room 0.
func scheduledPair(t *testing.T, db *store.DB, f *fixture) []*bilat.Meeting {
	t.Helper()
	var out []*bilat.Meeting
	for i, at := range []string{"2025-11-25 10:00", "2025-11-25 11:00"} {
		r := f.requests[i]
		transition(t, db, r, bilat.Transition{To: bilat.StatusAccepted})
		start := day(t, at)
		transition(t, db, r, bilat.Transition{To: bilat.StatusScheduled, Start: &start, RoomID: f.rooms[0].ID})
		list, _, err := db.ListMeetings(ctx, bilat.MeetingFilter{EventID: f.event.ID, DelegationID: r.DelegationID})
		must(t, err)
		out = append(out, list[0])
	}
	return out
}

// proposal returns an empty proposal for the fixture's event that has
// read its requests and the meetings ms.
func proposal(f *fixture, ms ...*bilat.Meeting) *bilat.Proposal {
	p := &bilat.Proposal{EventID: f.event.ID, Versions: map[int64]int{}, MeetingVersions: map[int64]int{}}
	for _, r := range f.requests {
		p.Versions[r.ID] = r.Version
	}
	for _, m := range ms {
		p.MeetingVersions[m.ID] = m.Version
	}
	return p
}

// moveTo proposes meeting m at the local time at in room.
func moveTo(t *testing.T, f *fixture, m *bilat.Meeting, at string, room *bilat.Room) bilat.ProposedMeeting {
	start := day(t, at)
	from := m.Start
	return bilat.ProposedMeeting{RequestID: m.RequestID, MeetingID: m.ID, PrincipalID: m.PrincipalID, Start: start,
		End: start.Add(m.End.Sub(m.Start)), RoomID: room.ID, FromStart: &from, FromRoomID: m.RoomID}
}

// TestApplyProposalSwap swaps two meetings of one principal: checked one
// by one, the first move would collide with the second meeting.
func TestApplyProposalSwap(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ms := scheduledPair(t, db, f)
		p := proposal(f, ms...)
		p.Moved = []bilat.ProposedMeeting{moveTo(t, f, ms[0], "2025-11-25 11:00", f.rooms[0]), moveTo(t, f, ms[1], "2025-11-25 10:00", f.rooms[0])}
		res, err := db.ApplyProposal(ctx, tester, p)
		must(t, err)
		if len(res.Moved) != 2 || len(res.Scheduled) != 0 {
			t.Fatalf("result: %+v", res)
		}
		for i, at := range []string{"2025-11-25 11:00", "2025-11-25 10:00"} {
			m, err := db.Meeting(ctx, ms[i].ID)
			must(t, err)
			if !m.Start.Equal(day(t, at)) || m.End.Sub(m.Start) != 30*time.Minute || m.Version != 2 {
				t.Errorf("meeting %d: %v–%v version %d, want %s for 30 minutes, version 2", i, m.Start, m.End, m.Version, at)
			}
		}
	})
}

// TestApplyProposalAllOrNothing proposes a move and a new meeting that
// double-books the principal: nothing is applied.
func TestApplyProposalAllOrNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ms := scheduledPair(t, db, f)
		transition(t, db, f.requests[2], bilat.Transition{To: bilat.StatusAccepted})
		p := proposal(f, ms...)
		p.Moved = []bilat.ProposedMeeting{moveTo(t, f, ms[1], "2025-11-25 14:00", f.rooms[1])}
		start := day(t, "2025-11-25 10:15")
		p.New = []bilat.ProposedMeeting{{RequestID: f.requests[2].ID, PrincipalID: f.principal.ID, Start: start, End: start.Add(30 * time.Minute), RoomID: f.rooms[1].ID}}
		before := auditCount(t, db)
		_, err := db.ApplyProposal(ctx, tester, p)
		wantCode(t, err, bilat.ECONFLICT)
		if !strings.HasPrefix(err.Error(), "new[0]: the principal is already booked") {
			t.Errorf("error %q does not name the new meeting and the double booking", err)
		}
		m, err := db.Meeting(ctx, ms[1].ID)
		must(t, err)
		r, err := db.Request(ctx, f.requests[2].ID)
		must(t, err)
		if !m.Start.Equal(day(t, "2025-11-25 11:00")) || r.Status != bilat.StatusAccepted || auditCount(t, db) != before {
			t.Errorf("a refused proposal changed something: meeting at %v, request %s", m.Start, r.Status)
		}
	})
}

// TestApplyProposalRefusals lists proposals refused before or while
// applying, each for its own reason.
func TestApplyProposalRefusals(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ms := scheduledPair(t, db, f)
		ms[0].Pinned = true
		must(t, db.UpdateMeeting(ctx, tester, ms[0]))
		cases := []struct {
			name, code, text string
			edit             func(p *bilat.Proposal)
		}{
			{"no versions", bilat.EINVALID, "versions", func(p *bilat.Proposal) { p.Versions = nil }},
			{"unread request", bilat.EINVALID, "has no version", func(p *bilat.Proposal) {
				delete(p.Versions, ms[1].RequestID)
				p.Moved = []bilat.ProposedMeeting{moveTo(t, f, ms[1], "2025-11-25 15:00", f.rooms[0])}
			}},
			{"another event's request", bilat.EINVALID, "not of event", func(p *bilat.Proposal) { p.Versions[999999] = 1 }},
			{"pinned", bilat.ECONFLICT, "pinned", func(p *bilat.Proposal) {
				p.Moved = []bilat.ProposedMeeting{moveTo(t, f, ms[0], "2025-11-25 15:00", f.rooms[0])}
			}},
			{"stale meeting", bilat.ECONFLICT, "meeting", func(p *bilat.Proposal) { p.MeetingVersions[ms[0].ID] = 1 }},
			{"outside the event", bilat.EINVALID, "outside the event's days", func(p *bilat.Proposal) {
				p.Moved = []bilat.ProposedMeeting{moveTo(t, f, ms[1], "2025-12-01 10:00", f.rooms[0])}
			}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				p := proposal(f, ms...)
				c.edit(p)
				_, err := db.ApplyProposal(ctx, tester, p)
				wantCode(t, err, c.code)
				if !strings.Contains(err.Error(), c.text) {
					t.Errorf("error %q does not say %q", err, c.text)
				}
			})
		}
	})
}
