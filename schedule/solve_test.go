package schedule

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"
)

var day0 = time.Date(2025, 11, 24, 0, 0, 0, 0, time.FixedZone("+01", 3600))

func at(day, hour, minute int) time.Time {
	return day0.AddDate(0, 0, day).Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
}

func ptr[T any](v T) *T { return &v }

// genProblem draws a small problem using every feature of the format.
func genProblem(t *rapid.T) *Problem {
	days := rapid.IntRange(1, 2).Draw(t, "days")
	p := &Problem{Format: ProblemFormat, Name: "random", Timezone: "Africa/Casablanca", Granularity: rapid.SampledFrom([]int{5, 15, 30}).Draw(t, "gran")}
	for d := 0; d < days; d++ {
		p.Windows = append(p.Windows, Interval{at(d, 9, 0), at(d, 12, 0)}, Interval{at(d, 14, 0), at(d, 17, 0)})
	}
	twoVenues := rapid.Bool().Draw(t, "venues")
	if twoVenues {
		p.Venues = []Venue{{"a"}, {"b"}}
		p.Travel = []Travel{{"a", "b", rapid.IntRange(0, 30).Draw(t, "travel")}}
	}
	nRooms := rapid.IntRange(1, 3).Draw(t, "rooms")
	for r := 0; r < nRooms; r++ {
		room := Room{ID: fmt.Sprintf("R%d", r), Capacity: ptr(rapid.IntRange(2, 8).Draw(t, "cap"))}
		if twoVenues {
			room.Venue = []string{"a", "b"}[r%2]
		}
		if rapid.Bool().Draw(t, "feature") {
			room.Features = []string{"interpretation"}
		}
		if rapid.IntRange(0, 4).Draw(t, "roomOff") == 0 {
			room.Unavailable = []Interval{{at(0, 10, 0), at(0, 11, 0)}}
		}
		p.Rooms = append(p.Rooms, room)
	}
	nPeople := rapid.IntRange(2, 6).Draw(t, "people")
	for i := 0; i < nPeople; i++ {
		per := Person{ID: fmt.Sprintf("P%d", i), BufferMinutes: rapid.SampledFrom([]int{0, 5, 10, 30, 60}).Draw(t, "buffer")}
		if rapid.IntRange(0, 3).Draw(t, "limit") == 0 {
			per.MaxMeetingsPerDay = ptr(rapid.IntRange(1, 3).Draw(t, "max"))
		}
		if rapid.Bool().Draw(t, "off") {
			h := rapid.IntRange(9, 16).Draw(t, "offHour")
			per.Unavailable = []Unavailable{{Start: at(0, h, 0), End: at(0, h+1, 0), Reason: "plenary"}}
		}
		p.People = append(p.People, per)
	}
	nMeetings := rapid.IntRange(1, 12).Draw(t, "meetings")
	for i := 0; i < nMeetings; i++ {
		p.Meetings = append(p.Meetings, genMeeting(t, p, i))
	}
	if rapid.Bool().Draw(t, "breaks") {
		p.Objective.BreakPenalty = 0.5
	}
	return p
}

func genMeeting(t *rapid.T, p *Problem, i int) Meeting {
	people := rapid.SliceOfNDistinct(rapid.IntRange(0, len(p.People)-1), 1, 3, rapid.ID[int]).Draw(t, "attendees")
	m := Meeting{ID: fmt.Sprintf("m%d", i), DurationMinutes: rapid.SampledFrom([]int{15, 30, 45, 60}).Draw(t, "dur"),
		Weight: ptr(float64(rapid.IntRange(1, 5).Draw(t, "weight")))}
	for k, pi := range people {
		if k == len(people)-1 && len(people) > 1 && rapid.Bool().Draw(t, "alt") {
			m.Alternatives = []Alternative{{Attendees: []string{p.People[pi].ID}}, {Attendees: []string{p.People[(pi+1)%len(p.People)].ID}, Weight: ptr(1.0)}}
			if containsString(m.Attendees, p.People[(pi+1)%len(p.People)].ID) {
				m.Alternatives = m.Alternatives[:1]
			}
			break
		}
		m.Attendees = append(m.Attendees, p.People[pi].ID)
	}
	if rapid.IntRange(0, 3).Draw(t, "earliest") == 0 {
		m.Earliest = ptr(at(0, 10, 0))
	}
	if rapid.IntRange(0, 4).Draw(t, "feat") == 0 {
		m.Features = []string{"interpretation"}
	}
	if i > 0 && rapid.IntRange(0, 4).Draw(t, "after") == 0 {
		m.After = []string{fmt.Sprintf("m%d", rapid.IntRange(0, i-1).Draw(t, "pred"))}
	}
	if rapid.IntRange(0, 3).Draw(t, "pref") == 0 {
		m.Preferred = []Preferred{{Start: at(0, 9, 0), End: at(0, 12, 0), Bonus: 1}}
	}
	if rapid.IntRange(0, 6).Draw(t, "mandatory") == 0 {
		m.Mandatory = true
	}
	return m
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestSolveProperties: every schedule the solver returns passes the
// independent check, scores what the check scores, lists every meeting
// once, stays under its bound, and is the same for the same seed.
func TestSolveProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t)
		opt := Options{Seed: rapid.Int64Range(1, 1000).Draw(t, "seed"), Iterations: 300, Workers: 2, TimeLimit: time.Minute}
		s, err := Solve(context.Background(), p, opt)
		if IsInfeasible(err) {
			return // only mandatory meetings make a problem infeasible
		}
		if err != nil {
			t.Fatalf("solve: %v", err)
		}
		rep := Check(p, s)
		if !rep.Valid() {
			t.Fatalf("invalid schedule: %+v", rep.Violations)
		}
		if diff := rep.Score - s.Score; diff > 1e-6 || diff < -1e-6 {
			t.Fatalf("score %v, check says %v", s.Score, rep.Score)
		}
		if s.Bound == nil || s.Score > *s.Bound+1e-6 {
			t.Fatalf("score %v above bound %v", s.Score, s.Bound)
		}
		// Each relaxation, driven as low as it goes, must stay above every
		// schedule's score, or the bound could prove a false optimum.
		m := compile(p)
		for _, rx := range []*relaxation{m.relax(), m.relaxTimed()} {
			if rx != nil && rx.bound(0, 300) < s.Score-1e-6 {
				t.Fatalf("a relaxation gives %v, below the score %v", rx.bound(0, 300), s.Score)
			}
		}
		if len(s.Assignments)+len(s.Unscheduled) != len(p.Meetings) {
			t.Fatalf("%d assigned + %d unscheduled for %d meetings", len(s.Assignments), len(s.Unscheduled), len(p.Meetings))
		}
		for _, u := range s.Unscheduled {
			if u.Code == "" || u.Reason == "" {
				t.Fatalf("unscheduled without a reason: %+v", u)
			}
		}
		again, err := Solve(context.Background(), p, opt)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := assignmentsJSON(s), assignmentsJSON(again); a != b {
			t.Fatalf("same seed, different schedules:\n%s\n%s", a, b)
		}
	})
}

func assignmentsJSON(s *Schedule) string {
	b, _ := json.Marshal(s.Assignments)
	return string(b)
}

// TestExactProperties: when the exact mode proves a schedule optimal, it
// is valid, its bound equals its score, and no search finds better.
func TestExactProperties(t *testing.T) {
	proved, byBranching := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t)
		p.Objective = Objective{}
		opt := Options{Seed: 1, Iterations: 200, Workers: 1, TimeLimit: 2 * time.Second}
		plain, err := Solve(context.Background(), p, opt)
		if err != nil {
			return
		}
		opt.Exact = true
		s, err := Solve(context.Background(), p, opt)
		if err != nil {
			t.Fatalf("exact: %v", err)
		}
		if rep := Check(p, s); !rep.Valid() {
			t.Fatalf("invalid: %+v", rep.Violations)
		}
		if !s.Stats.Optimal {
			return
		}
		proved++
		if !plain.Stats.Optimal {
			byBranching++
		}
		if *s.Bound != s.Score {
			t.Fatalf("optimal with bound %v and score %v", *s.Bound, s.Score)
		}
		for seed := int64(2); seed < 5; seed++ {
			h, err := Solve(context.Background(), p, Options{Seed: seed, Iterations: 3000, Workers: 1, TimeLimit: time.Minute})
			if err == nil && h.Score > s.Score+1e-6 {
				t.Fatalf("proven optimum %v, but a search found %v", s.Score, h.Score)
			}
		}
	})
	if byBranching == 0 {
		t.Errorf("branching proved nothing the bound alone did not (%d proven)", proved)
	}
	t.Logf("proven optimal: %d, of which by branching: %d", proved, byBranching)
}
