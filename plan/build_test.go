package plan_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"bilat"
	"bilat/plan"
	"bilat/schedule"
)

// meeting returns the meeting of the problem with id.
func meeting(t testing.TB, p *schedule.Problem, id string) *schedule.Meeting {
	t.Helper()
	for i := range p.Meetings {
		if p.Meetings[i].ID == id {
			return &p.Meetings[i]
		}
	}
	t.Fatalf("no meeting %s in the problem", id)
	return nil
}

// person returns the person of the problem with id.
func person(t testing.TB, p *schedule.Problem, id string) *schedule.Person {
	t.Helper()
	for i := range p.People {
		if p.People[i].ID == id {
			return &p.People[i]
		}
	}
	t.Fatalf("no person %s in the problem", id)
	return nil
}

// alternatives lists a meeting's alternatives as "person=weight".
func alternatives(m *schedule.Meeting) []string {
	var out []string
	for _, a := range m.Alternatives {
		b, _ := json.Marshal(a.Weight)
		out = append(out, strings.Join(a.Attendees, "+")+"="+string(b))
	}
	return out
}

// TestBuildDemo builds the Marrakech problem: it is valid, reads back from
// its JSON, and every identifier maps back to the records.
func TestBuildDemo(t *testing.T) {
	db, e := mustDemo(t)
	p, m, err := plan.Build(ctx, db, e.ID, plan.BuildOptions{})
	must(t, err)
	if err := p.Validate(); err != nil {
		t.Fatalf("the demo's problem is invalid: %v", err)
	}
	var buf bytes.Buffer
	must(t, json.NewEncoder(&buf).Encode(p))
	back, err := schedule.ReadProblem(&buf)
	must(t, err)
	if len(back.Meetings) != 9 || len(back.Windows) != 4 || len(back.Rooms) != 5 || len(back.Venues) != 2 {
		t.Errorf("problem: %d meetings, %d windows, %d rooms, %d venues; want 9, 4, 5, 2",
			len(back.Meetings), len(back.Windows), len(back.Rooms), len(back.Venues))
	}
	if w := p.Windows[0]; w.Start.Format("2006-01-02T15:04Z07:00") != "2025-11-24T08:30+01:00" || w.End.Sub(w.Start).Hours() != 11 {
		t.Errorf("first window %v – %v, want 08:30–19:30 local on the first day", w.Start, w.End)
	}
	if len(p.Travel) != 1 || p.Travel[0].Minutes != 18 {
		t.Errorf("travel = %+v, want the venues 18 minutes apart", p.Travel)
	}
	dg := demoDirector(t, m, p)
	for _, x := range p.Meetings {
		r := m.Requests[x.ID]
		if r == nil || r.Status != bilat.StatusAccepted || plan.MeetingID(r.ID) != x.ID {
			t.Fatalf("meeting %s maps to request %+v", x.ID, r)
		}
		if len(x.Attendees) != 1 || !strings.HasPrefix(m.People[x.Attendees[0]].Name, "Head of delegation, ") {
			t.Errorf("%s: attendees %v, want the requesting head of delegation", x.ID, x.Attendees)
		}
		if len(x.Alternatives) != 1 || x.Alternatives[0].Attendees[0] != dg.ID || x.Mandatory || x.Fixed != nil {
			t.Errorf("%s: alternatives %v mandatory %v fixed %v, want only the Director General", x.ID, alternatives(&x), x.Mandatory, x.Fixed)
		}
	}
}

// demoDirector returns the Director General's person in the demo problem
// and checks what keeps him busy: the programme and the 43 meetings held,
// each widened by his buffer.
func demoDirector(t *testing.T, m *plan.Mapping, p *schedule.Problem) *schedule.Person {
	t.Helper()
	var dg *schedule.Person
	for i, x := range p.People {
		if m.People[x.ID].Name == "Abdellatif Hammouchi" {
			dg = &p.People[i]
		}
	}
	if dg == nil || dg.BufferMinutes != 10 || dg.Party != "DGSN-DGST" {
		t.Fatalf("Director General in the problem: %+v", dg)
	}
	held, opening := 0, false
	for _, u := range dg.Unavailable {
		held += strings.Count(u.Reason, "(held)")
		if u.Reason == "Opening ceremony (ceremony)" {
			opening = u.Start.Format("15:04") == "09:50" && u.End.Format("15:04") == "11:40"
		}
	}
	if held != 43 || !opening {
		t.Errorf("Director General busy with %d held meetings (want 43); opening ceremony 09:50–11:40: %v", held, opening)
	}
	return dg
}

// TestBuildChoices checks how requests become meetings: principals asked
// for in order of preference at decreasing value, deputies only when
// allowed, the room a delegation needs, and a scheduled meeting kept.
func TestBuildChoices(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	p, m, err := plan.Build(ctx, db, s.event.ID, plan.BuildOptions{})
	must(t, err)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	dg, deputy := plan.PersonID(s.dgPerson.ID), plan.PersonID(s.deputy.PersonID)
	cz := meeting(t, p, plan.MeetingID(s.requests["CZ"].ID))
	if got, want := alternatives(cz), []string{dg + "=3", deputy + "=1.8"}; !slices.Equal(got, want) {
		t.Errorf("Czechia's alternatives %v, want %v", got, want)
	}
	if !slices.Equal(m.Principals[cz.ID], []int64{s.dg.ID, s.deputy.ID}) || *cz.MinCapacity != 4 || !slices.Equal(cz.Features, []string{"interpretation"}) {
		t.Errorf("Czechia: principals %v, min capacity %d, features %v", m.Principals[cz.ID], *cz.MinCapacity, cz.Features)
	}
	no := meeting(t, p, plan.MeetingID(s.requests["NO"].ID))
	if got := alternatives(no); !slices.Equal(got, []string{dg + "=3"}) || no.Features != nil {
		t.Errorf("Norway: alternatives %v features %v, want the Director General alone, no interpretation", got, no.Features)
	}
	et := meeting(t, p, plan.MeetingID(s.requests["ET"].ID))
	prev := schedule.Placement{Meeting: et.ID, Start: at(t, 0, 12, 0), Room: plan.RoomID(s.rooms[0].ID)}
	if !et.Mandatory || et.Fixed != nil || len(p.Previous) != 1 || !p.Previous[0].Start.Equal(prev.Start) || p.Previous[0].Room != prev.Room {
		t.Errorf("Ethiopia (scheduled): mandatory %v, fixed %v, previous %+v", et.Mandatory, et.Fixed, p.Previous)
	}
	if p.Objective.MovePenalty != plan.DefaultMovePenalty || len(p.Travel) != 1 || p.Travel[0].Minutes != 15 {
		t.Errorf("objective %+v, travel %+v", p.Objective, p.Travel)
	}
	checkOpening(t, s, p)

	p, _, err = plan.Build(ctx, db, s.event.ID, plan.BuildOptions{Deputies: true})
	must(t, err)
	if got := alternatives(meeting(t, p, no.ID)); !slices.Equal(got, []string{dg + "=3", deputy + "=0.9"}) {
		t.Errorf("Norway with deputies: %v", got)
	}
	if got := alternatives(meeting(t, p, cz.ID)); !slices.Equal(got, []string{dg + "=3", deputy + "=1.8"}) {
		t.Errorf("Czechia with deputies: %v (the deputy it asked for keeps its preference)", got)
	}
}

// checkOpening checks that a session naming no attendees takes the heads
// of delegation and the principals, the principals with their buffer.
func checkOpening(t *testing.T, s *small, p *schedule.Problem) {
	t.Helper()
	dg := person(t, p, plan.PersonID(s.dgPerson.ID))
	head := person(t, p, plan.PersonID(s.heads["CZ"].ID))
	if len(dg.Unavailable) != 1 || dg.Unavailable[0].Reason != "Opening (plenary)" || !dg.Unavailable[0].Start.Equal(at(t, 0, 9, 50)) {
		t.Errorf("Director General unavailable %+v, want the opening from 09:50 (10 minutes' buffer)", dg.Unavailable)
	}
	if dg.MaxMeetingsPerDay == nil || *dg.MaxMeetingsPerDay != 6 {
		t.Errorf("Director General's limit per day: %v", dg.MaxMeetingsPerDay)
	}
	if len(head.Unavailable) != 1 || !head.Unavailable[0].Start.Equal(at(t, 0, 10, 0)) || head.Party != "CZ" || head.BufferMinutes != 0 {
		t.Errorf("Czech head: %+v, want the opening from 10:00", head)
	}
}

// TestBuildPinned checks that a pinned meeting is fixed where it is.
func TestBuildPinned(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	s.meeting.Pinned = true
	must(t, db.UpdateMeeting(ctx, tester, s.meeting))
	p, _, err := plan.Build(ctx, db, s.event.ID, plan.BuildOptions{})
	must(t, err)
	f := meeting(t, p, plan.MeetingID(s.requests["ET"].ID)).Fixed
	if f == nil || !f.Start.Equal(at(t, 0, 12, 0)) || f.Room != plan.RoomID(s.rooms[0].ID) || f.Alternative == nil || *f.Alternative != 0 {
		t.Errorf("pinned meeting: fixed %+v", f)
	}
}

func TestBuildOptionsChecked(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	_, _, err := plan.Build(ctx, db, s.event.ID, plan.BuildOptions{DayStart: 20 * 3600e9, DayEnd: 8 * 3600e9})
	if bilat.ErrorCode(err) != bilat.EINVALID {
		t.Errorf("a day ending before it starts: %v, want invalid", err)
	}
	if _, _, err := plan.Build(ctx, db, 999, plan.BuildOptions{}); bilat.ErrorCode(err) != bilat.ENOTFOUND {
		t.Errorf("an unknown event: %v, want not found", err)
	}
}
