package schedule

import (
	"context"
	"strings"
	"testing"
	"time"
)

// deskProblem is a small host desk: principal H with a plenary on Monday
// 10:00–12:00, two rooms, and the meetings each test adds.
func deskProblem(meetings ...Meeting) *Problem {
	return &Problem{
		Format: ProblemFormat, Timezone: "Africa/Casablanca", Granularity: 15,
		Windows: []Interval{{at(0, 9, 0), at(0, 13, 0)}},
		Rooms: []Room{
			{ID: "B1", Capacity: ptr(6), Features: []string{"interpretation"}},
			{ID: "B3", Capacity: ptr(8), Features: []string{"secure"}},
		},
		People: []Person{
			{ID: "H", Party: "MA", Unavailable: []Unavailable{{Start: at(0, 10, 0), End: at(0, 12, 0), Reason: "plenary"}}},
			{ID: "DE", Party: "DE"}, {ID: "FR", Party: "FR"}, {ID: "IT", Party: "IT"},
			{ID: "D", Party: "MA"},
		},
		Meetings: meetings,
	}
}

func solveSmall(t *testing.T, p *Problem) *Schedule {
	t.Helper()
	s, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 2000, Workers: 1, TimeLimit: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if rep := Check(p, s); !rep.Valid() {
		t.Fatalf("invalid: %+v", rep.Violations)
	}
	return s
}

func unscheduled(s *Schedule, id string) *Unscheduled {
	for i := range s.Unscheduled {
		if s.Unscheduled[i].Meeting == id {
			return &s.Unscheduled[i]
		}
	}
	return nil
}

// TestExplanations: small problems whose reason is known.
func TestExplanations(t *testing.T) {
	cases := []struct {
		name        string
		meetings    []Meeting
		id, code    string
		reason, fix string // substrings that must appear
	}{
		{"no room with interpretation and 12 seats",
			[]Meeting{{ID: "de", Attendees: []string{"H", "DE"}, DurationMinutes: 30, MinCapacity: ptr(12), Features: []string{"interpretation"}}},
			"de", CodeNoRoom, "no room has interpretation and 12 seats", "fits in room B1 if it takes 6 seats"},
		{"the principal's plenary covers every slot",
			[]Meeting{{ID: "de", Attendees: []string{"H", "DE"}, DurationMinutes: 30, Earliest: ptr(at(0, 10, 0)), Latest: ptr(at(0, 12, 0))}},
			"de", CodeUnavailable, "H (plenary)", "fits if H's plenary at Mon 24 Nov 10:00 moves"},
		{"a heavier meeting took the only slot",
			[]Meeting{
				{ID: "fr", Attendees: []string{"H", "FR"}, DurationMinutes: 60, Weight: ptr(5.0), Latest: ptr(at(0, 10, 0))},
				{ID: "de", Attendees: []string{"H", "DE"}, DurationMinutes: 60, Weight: ptr(2.0), Latest: ptr(at(0, 10, 0))},
			},
			"de", CodeLowerValue, "H's free time is taken by other meetings of equal or higher weight (fr)", "if fr (weight 5) moves or gives way"},
		{"no window within earliest and latest",
			[]Meeting{{ID: "de", Attendees: []string{"H", "DE"}, DurationMinutes: 90, Earliest: ptr(at(0, 12, 0))}},
			"de", CodeNoWindow, "no window holds its 90 minutes", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := solveSmall(t, deskProblem(c.meetings...))
			u := unscheduled(s, c.id)
			if u == nil {
				t.Fatalf("%s was scheduled: %+v", c.id, s.Assignments)
			}
			if u.Code != c.code || !strings.Contains(u.Reason, c.reason) || !strings.Contains(u.Fix, c.fix) {
				t.Errorf("got %s: %q (fix %q)\nwant %s: %q (fix %q)", u.Code, u.Reason, u.Fix, c.code, c.reason, c.fix)
			}
		})
	}
}

// TestAlternativeDeputy: when the principal is taken, the meeting is held
// with the deputy at the alternative's lower weight.
func TestAlternativeDeputy(t *testing.T) {
	p := deskProblem(
		Meeting{ID: "fr", Attendees: []string{"H", "FR"}, DurationMinutes: 60, Weight: ptr(5.0), Latest: ptr(at(0, 10, 0))},
		Meeting{ID: "de", Attendees: []string{"DE"}, DurationMinutes: 60, Latest: ptr(at(0, 10, 0)),
			Alternatives: []Alternative{{Attendees: []string{"H"}, Weight: ptr(4.0)}, {Attendees: []string{"D"}, Weight: ptr(2.0)}}},
	)
	s := solveSmall(t, p)
	for _, a := range s.Assignments {
		if a.Meeting == "de" && (a.Alternative == nil || *a.Alternative != 1) {
			t.Errorf("de held as %+v, want with the deputy", a)
		}
	}
	if s.Score != 7 || len(s.Assignments) != 2 {
		t.Errorf("score %v with %d meetings, want 7 with 2", s.Score, len(s.Assignments))
	}
}

// TestInfeasibleMandatory: two mandatory meetings of one person in a
// window that holds one are reported by name with the constraint.
func TestInfeasibleMandatory(t *testing.T) {
	p := deskProblem(
		Meeting{ID: "fr", Attendees: []string{"H", "FR"}, DurationMinutes: 60, Mandatory: true, Latest: ptr(at(0, 10, 0))},
		Meeting{ID: "de", Attendees: []string{"H", "DE"}, DurationMinutes: 60, Mandatory: true, Latest: ptr(at(0, 10, 0))},
	)
	_, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 500, Workers: 1})
	if !IsInfeasible(err) {
		t.Fatalf("err = %v, want infeasible", err)
	}
	if !strings.Contains(err.Error(), "H's free time is taken") {
		t.Errorf("reason does not name the principal: %v", err)
	}
}

// TestRepairMovesFew: one late request added to a solved day moves only a
// handful of meetings, and a fixed one never.
func TestRepairMovesFew(t *testing.T) {
	p := &Problem{Format: ProblemFormat, Timezone: "UTC", Granularity: 15,
		Windows: []Interval{{at(0, 8, 0), at(0, 18, 0)}, {at(1, 8, 0), at(1, 18, 0)}},
		Rooms:   []Room{{ID: "A", Capacity: ptr(10)}, {ID: "B", Capacity: ptr(10)}}}
	p.People = append(p.People, Person{ID: "H", BufferMinutes: 15})
	for i := 0; i < 24; i++ {
		id := string(rune('a'+i%26)) + string(rune('a'+i/26))
		p.People = append(p.People, Person{ID: id})
		p.Meetings = append(p.Meetings, Meeting{ID: "m" + id, Attendees: []string{"H", id}, DurationMinutes: 30, Weight: ptr(float64(1 + i%5))})
	}
	first := solveSmall(t, p)
	p.Previous = nil
	for _, a := range first.Assignments {
		p.Previous = append(p.Previous, Placement{Meeting: a.Meeting, Start: a.Start, Room: a.Room})
	}
	pinned := p.Previous[0]
	p.Meetings[indexOf(p, pinned.Meeting)].Fixed = &Fixed{Start: pinned.Start, Room: pinned.Room}
	p.Objective.MovePenalty = 0.5
	p.People = append(p.People, Person{ID: "late"})
	p.Meetings = append(p.Meetings, Meeting{ID: "late", Attendees: []string{"H", "late"}, DurationMinutes: 45, Weight: ptr(5.0), Earliest: ptr(first.Assignments[0].Start)})
	second := solveSmall(t, p)
	rep := Check(p, second)
	if rep.Moved > 3 {
		t.Errorf("adding one request moved %d meetings", rep.Moved)
	}
	if unscheduled(second, "late") != nil {
		t.Errorf("the late request was left out: %+v", unscheduled(second, "late"))
	}
}

func indexOf(p *Problem, id string) int {
	for i, m := range p.Meetings {
		if m.ID == id {
			return i
		}
	}
	return -1
}

// TestBoundAcrossStretches: a plenary splits the principal's day in two
// stretches, each holding one meeting; the bound must allow both (each
// stretch gives back the buffer after its last meeting).
func TestBoundAcrossStretches(t *testing.T) {
	p := deskProblem(
		Meeting{ID: "de", Attendees: []string{"H", "DE"}, DurationMinutes: 60},
		Meeting{ID: "fr", Attendees: []string{"H", "FR"}, DurationMinutes: 60},
		Meeting{ID: "it", Attendees: []string{"H", "IT"}, DurationMinutes: 60},
	)
	p.Windows = []Interval{{at(0, 9, 0), at(0, 13, 0)}}
	p.People[0].BufferMinutes = 30
	p.People[0].Unavailable = []Unavailable{{Start: at(0, 10, 0), End: at(0, 12, 0), Reason: "plenary"}}
	s := solveSmall(t, p)
	if s.Score != 2 || *s.Bound < 2 {
		t.Fatalf("score %v, bound %v; want 2 meetings and a bound of at least 2", s.Score, *s.Bound)
	}
	if !s.Stats.Optimal || *s.Bound != 2 {
		t.Errorf("bound %v: two meetings fill the two stretches, so 2 is proven", *s.Bound)
	}
	// Each relaxation on its own, driven as low as it goes, stays at 2 or
	// more: a bound below a schedule's score would be a false proof.
	m := compile(p)
	for name, rx := range map[string]*relaxation{"capacity": m.relax(), "time-indexed": m.relaxTimed()} {
		if b := rx.bound(0, 3000); b < 2-1e-6 {
			t.Errorf("%s relaxation gives %v, below the 2 meetings that fit", name, b)
		}
	}
}
