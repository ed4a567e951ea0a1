package plan_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"bilat"
	"bilat/plan"
	"bilat/schedule"
	"bilat/store"
)

func ptr[T any](v T) *T { return &v }

// handMade places Czechia with the deputy at 14:00 in room 0 and moves
// Ethiopia to 15:00 in room 1; Norway is left out with a reason written in
// problem identifiers. It leaves Ethiopia out instead when drop is set.
func handMade(t *testing.T, s *small, p *schedule.Problem, drop bool) *schedule.Schedule {
	t.Helper()
	et, no := plan.MeetingID(s.requests["ET"].ID), plan.MeetingID(s.requests["NO"].ID)
	sch := &schedule.Schedule{
		Format: schedule.ScheduleFormat,
		Assignments: []schedule.Assignment{
			{Meeting: plan.MeetingID(s.requests["CZ"].ID), Start: at(t, 0, 14, 0), Room: plan.RoomID(s.rooms[0].ID), Alternative: ptr(1)},
		},
		Unscheduled: []schedule.Unscheduled{{Meeting: no, Code: "attendee_busy",
			Reason: fmt.Sprintf("%s is busy with %s in %s", plan.PersonID(s.dgPerson.ID), et, plan.RoomID(s.rooms[0].ID)),
			Fix:    fmt.Sprintf("fits if %s moves; p999 and r999 are unknown", et)}},
		Score: 4.8,
	}
	if !drop {
		sch.Assignments = append(sch.Assignments, schedule.Assignment{Meeting: et, Start: at(t, 0, 15, 0), Room: plan.RoomID(s.rooms[1].ID), Alternative: ptr(0)})
	}
	if r := schedule.Check(p, sch); !drop && !r.Valid() {
		t.Fatalf("the hand-made schedule is not valid: %+v", r.Violations)
	}
	return sch
}

// propose builds the small event's problem and proposes the hand-made
// schedule, passed through JSON as the API passes it.
func propose(t *testing.T, db *store.DB, s *small, drop bool) *bilat.Proposal {
	t.Helper()
	p, m, err := plan.Build(ctx, db, s.event.ID, plan.BuildOptions{})
	must(t, err)
	b, err := json.Marshal(plan.Propose(p, m, handMade(t, s, p, drop)))
	must(t, err)
	var out bilat.Proposal
	must(t, json.Unmarshal(b, &out))
	return &out
}

func TestPropose(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	prop := propose(t, db, s, false)
	if len(prop.New) != 1 || len(prop.Moved) != 1 || len(prop.Dropped) != 0 || len(prop.Unscheduled) != 1 {
		t.Fatalf("proposal: %d new, %d moved, %d dropped, %d unscheduled; want 1, 1, 0, 1", len(prop.New), len(prop.Moved), len(prop.Dropped), len(prop.Unscheduled))
	}
	n := prop.New[0]
	if n.RequestID != s.requests["CZ"].ID || n.PrincipalID != s.deputy.ID || !n.Start.Equal(at(t, 0, 14, 0)) || !n.End.Equal(at(t, 0, 14, 30)) ||
		n.RoomID != s.rooms[0].ID || n.Delegation != "Czechia" || n.Principal != "Deputy One" || n.Room != "Salon A" {
		t.Errorf("new: %+v", n)
	}
	mv := prop.Moved[0]
	if mv.MeetingID != s.meeting.ID || !mv.Start.Equal(at(t, 0, 15, 0)) || mv.RoomID != s.rooms[1].ID ||
		mv.FromStart == nil || !mv.FromStart.Equal(at(t, 0, 12, 0)) || mv.FromRoomID != s.rooms[0].ID || mv.FromRoom != "Salon A" {
		t.Errorf("moved: %+v", mv)
	}
	g := prop.Unscheduled[0]
	if g.RequestID != s.requests["NO"].ID || g.Code != "attendee_busy" || g.Delegation != "Norway" ||
		g.Reason != "Abdellatif Hammouchi is busy with the request from Ethiopia in Salon A" ||
		g.Fix != "fits if the request from Ethiopia moves; p999 and request 999 are unknown" {
		t.Errorf("unscheduled: %+v", g)
	}
	if len(prop.Versions) != 3 || prop.Versions[s.requests["ET"].ID] != s.requests["ET"].Version || prop.MeetingVersions[s.meeting.ID] != s.meeting.Version {
		t.Errorf("versions %v, meeting versions %v", prop.Versions, prop.MeetingVersions)
	}
}

// TestProposeLeftOut checks a scheduled meeting left out (dropped) and an
// accepted request left out without a reason.
func TestProposeLeftOut(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	p, m, err := plan.Build(ctx, db, s.event.ID, plan.BuildOptions{})
	must(t, err)
	prop := plan.Propose(p, m, &schedule.Schedule{Format: schedule.ScheduleFormat})
	if len(prop.Dropped) != 1 || prop.Dropped[0].MeetingID != s.meeting.ID || !prop.Dropped[0].Start.Equal(at(t, 0, 12, 0)) {
		t.Errorf("dropped: %+v", prop.Dropped)
	}
	if len(prop.Unscheduled) != 2 || prop.Unscheduled[0].Code != "not_placed" || prop.Unscheduled[0].Reason == "" {
		t.Errorf("unscheduled: %+v", prop.Unscheduled)
	}
}

// TestApplyProposal applies a proposal: the request is scheduled and the
// meeting moved, in one transaction audited change by change and as a
// whole; applying it again changes nothing.
func TestApplyProposal(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	prop := propose(t, db, s, false)
	res, err := db.ApplyProposal(ctx, tester, prop)
	must(t, err)
	if len(res.Scheduled) != 1 || res.Scheduled[0].Status != bilat.StatusScheduled || len(res.Moved) != 1 || !res.Moved[0].Start.Equal(at(t, 0, 15, 0)) {
		t.Fatalf("result: %+v", res)
	}
	list, _, err := db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID})
	must(t, err)
	if len(list) != 2 || list[0].RequestID != s.requests["CZ"].ID || list[0].PrincipalID != s.deputy.ID || list[1].RoomID != s.rooms[1].ID {
		t.Errorf("meetings after applying: %+v", list)
	}
	wantAudit(t, db, "event", s.event.ID, "apply_proposal")
	wantAudit(t, db, "request", s.requests["CZ"].ID, "transition")
	wantAudit(t, db, "meeting", s.meeting.ID, "update")

	before := auditTotal(t, db)
	_, err = db.ApplyProposal(ctx, tester, prop)
	if bilat.ErrorCode(err) != bilat.ECONFLICT || !strings.Contains(err.Error(), "make a new proposal") {
		t.Errorf("applying twice: %v, want a conflict", err)
	}
	if after := auditTotal(t, db); after != before {
		t.Errorf("the refused second application wrote %d audit rows", after-before)
	}
}

// TestApplyStaleProposal changes a request the proposal only read: the
// proposal is refused and nothing of it is applied.
func TestApplyStaleProposal(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	prop := propose(t, db, s, false)
	no := s.requests["NO"]
	no.Notes = "prefers the afternoon"
	must(t, db.UpdateRequest(ctx, tester, no))
	before := auditTotal(t, db)
	if _, err := db.ApplyProposal(ctx, tester, prop); bilat.ErrorCode(err) != bilat.ECONFLICT {
		t.Fatalf("stale proposal: %v, want a conflict", err)
	}
	cz, err := db.Request(ctx, s.requests["CZ"].ID)
	must(t, err)
	m, err := db.Meeting(ctx, s.meeting.ID)
	must(t, err)
	if cz.Status != bilat.StatusAccepted || !m.Start.Equal(at(t, 0, 12, 0)) || auditTotal(t, db) != before {
		t.Errorf("the stale proposal changed something: Czechia %s, Ethiopia at %v", cz.Status, m.Start)
	}
}

// TestApplyRefusesDrops checks that a proposal leaving out a scheduled
// meeting is not applied.
func TestApplyRefusesDrops(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	prop := propose(t, db, s, true)
	if len(prop.Dropped) != 1 {
		t.Fatalf("dropped: %+v", prop.Dropped)
	}
	_, err := db.ApplyProposal(ctx, tester, prop)
	if bilat.ErrorCode(err) != bilat.ECONFLICT || !strings.Contains(err.Error(), "leaves out 1 scheduled meeting") {
		t.Errorf("a proposal with a drop: %v, want a conflict", err)
	}
}

func wantAudit(t *testing.T, db *store.DB, entity string, id int64, action string) {
	t.Helper()
	list, _, err := db.ListAudit(ctx, bilat.AuditFilter{Entity: entity, EntityID: id})
	must(t, err)
	if len(list) == 0 || list[0].Action != action || list[0].Actor != tester.Name {
		t.Errorf("latest audit row of %s %d: %+v, want %s by %s", entity, id, list, action, tester.Name)
	}
}

func auditTotal(t *testing.T, db *store.DB) int {
	t.Helper()
	_, n, err := db.ListAudit(ctx, bilat.AuditFilter{})
	must(t, err)
	return n
}
