package schedule_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"bilat/schedule"
)

// deskSchedule returns a valid schedule of deskProblem. Its score:
// weights 5+1+2+1+1+1+3 = 14, m1's bonus 2 (the larger of its two
// preferred intervals), m2 moved from 10:00 (−0.5), and six breaks: A
// between m1 and m2, B twice, C, D, and E on the second day (−6 × 0.125).
func deskSchedule() *schedule.Schedule {
	return &schedule.Schedule{
		Format: schedule.ScheduleFormat,
		Assignments: []schedule.Assignment{
			{Meeting: "m1", Start: casablanca("11-24 09:00"), Room: "B1"},
			{Meeting: "m2", Start: casablanca("11-24 09:45"), Room: "B1"},
			{Meeting: "m3", Start: casablanca("11-24 10:30"), Room: "B1", Alternative: pointerTo(0)},
			{Meeting: "m4", Start: casablanca("11-25 09:00"), Room: "B2"},
			{Meeting: "m5", Start: casablanca("11-24 14:00"), Room: "S1"},
			{Meeting: "m6", Start: casablanca("11-24 14:00"), Room: "B1"},
			{Meeting: "m7", Start: casablanca("11-25 10:00"), Room: "B1"},
		},
	}
}

// deskCheckProblem is deskProblem with breaks costing 0.125.
func deskCheckProblem() *schedule.Problem {
	p := deskProblem()
	p.Objective.BreakPenalty = 0.125
	return p
}

// assignment returns the assignment of meeting id in s.
func assignment(s *schedule.Schedule, id string) *schedule.Assignment {
	for i := range s.Assignments {
		if s.Assignments[i].Meeting == id {
			return &s.Assignments[i]
		}
	}
	panic("no assignment of " + id)
}

// moveTo changes where and when meeting id is held.
func moveTo(s *schedule.Schedule, id, start, room string) {
	a := assignment(s, id)
	a.Start, a.Room = casablanca(start), room
}

// without removes the assignment of meeting id.
func without(s *schedule.Schedule, id string) {
	s.Assignments = slices.DeleteFunc(s.Assignments, func(a schedule.Assignment) bool { return a.Meeting == id })
}

func TestCheckValid(t *testing.T) {
	p := deskCheckProblem()
	r := schedule.Check(p, deskSchedule())
	if !r.Valid() {
		t.Fatalf("violations: %+v", r.Violations)
	}
	if r.Score != 14.75 || r.ScheduledWeight != 14 || r.Moved != 1 || r.Breaks != 6 {
		t.Errorf("score %v, scheduled weight %v, moved %d, breaks %d; want 14.75, 14, 1, 6", r.Score, r.ScheduledWeight, r.Moved, r.Breaks)
	}
	want := map[string]int{"A": 1, "B": 2, "C": 1, "D": 1, "E": 1}
	if !maps.Equal(r.BreaksByPerson, want) {
		t.Errorf("breaks by person %v, want %v", r.BreaksByPerson, want)
	}
	if s := schedule.Score(p, deskSchedule()); s != r.Score {
		t.Errorf("Score %v, Check's score %v", s, r.Score)
	}
}

func TestCheckScore(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *schedule.Problem, s *schedule.Schedule)
		score  float64
	}{
		{"no penalties", func(p *schedule.Problem, _ *schedule.Schedule) { p.Objective = schedule.Objective{} }, 16},
		{"only the wider preferred interval holds m1", func(p *schedule.Problem, _ *schedule.Schedule) {
			p.Meetings[0].Preferred[0].End = casablanca("11-24 09:15")
		}, 14 + 1 - 0.5 - 6*0.125},
		{"the larger bonus counts", func(p *schedule.Problem, _ *schedule.Schedule) {
			p.Meetings[0].Preferred[1].Bonus = 3
		}, 14 + 3 - 0.5 - 6*0.125},
		{"alternative with the meeting's weight", func(_ *schedule.Problem, s *schedule.Schedule) {
			assignment(s, "m3").Alternative = pointerTo(1) // E instead of D: weight 1, not 2
			moveTo(s, "m3", "11-25 10:30", "B1")           // B and D then have one break fewer
		}, 13 + 2 - 0.5 - 4*0.125},
		{"previous meeting left out", func(_ *schedule.Problem, s *schedule.Schedule) {
			without(s, "m2") // moved still 1; A and C lose a break each
		}, 13 + 2 - 0.5 - 4*0.125},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, s := deskCheckProblem(), deskSchedule()
			tt.change(p, s)
			r := schedule.Check(p, s)
			if r.Score != tt.score {
				t.Errorf("score %v, want %v (weight %v, moved %d, breaks %v)", r.Score, tt.score, r.ScheduledWeight, r.Moved, r.BreaksByPerson)
			}
		})
	}
}

func TestCheckViolations(t *testing.T) {
	tests := []struct {
		name   string
		rule   int
		change func(p *schedule.Problem, s *schedule.Schedule)
	}{
		{"fixed meeting moved", 1, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m4", "11-25 09:15", "B2") }},
		{"fixed meeting in another room", 1, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m4", "11-25 09:00", "B1") }},
		{"fixed alternative not held", 1, func(p *schedule.Problem, _ *schedule.Schedule) {
			p.Meetings[2].Fixed = &schedule.Fixed{Start: casablanca("11-24 10:30"), Alternative: pointerTo(1)}
		}},
		{"fixed meeting left out", 1, func(_ *schedule.Problem, s *schedule.Schedule) { without(s, "m4") }},
		{"mandatory meeting left out", 1, func(_ *schedule.Problem, s *schedule.Schedule) { without(s, "m1") }},
		{"unknown meeting", 1, func(_ *schedule.Problem, s *schedule.Schedule) {
			s.Assignments = append(s.Assignments, schedule.Assignment{Meeting: "m9", Start: casablanca("11-25 11:00"), Room: "B2"})
		}},
		{"meeting twice", 1, func(_ *schedule.Problem, s *schedule.Schedule) {
			s.Assignments = append(s.Assignments, *assignment(s, "m6"))
		}},
		{"assigned and unscheduled", 1, func(_ *schedule.Problem, s *schedule.Schedule) {
			s.Unscheduled = []schedule.Unscheduled{{Meeting: "m6", Code: "x", Reason: "y"}}
		}},
		{"unscheduled unknown meeting", 1, func(_ *schedule.Problem, s *schedule.Schedule) {
			s.Unscheduled = []schedule.Unscheduled{{Meeting: "m9", Code: "x", Reason: "y"}}
		}},
		{"no alternative named", 1, func(_ *schedule.Problem, s *schedule.Schedule) { assignment(s, "m3").Alternative = nil }},
		{"alternative out of range", 1, func(_ *schedule.Problem, s *schedule.Schedule) { assignment(s, "m3").Alternative = pointerTo(2) }},
		{"alternative without alternatives", 1, func(_ *schedule.Problem, s *schedule.Schedule) { assignment(s, "m5").Alternative = pointerTo(0) }},
		{"off the grid", 2, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m5", "11-24 14:10", "S1") }},
		{"out of the window", 2, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m5", "11-24 17:45", "S1") }},
		{"between windows", 2, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m5", "11-24 12:30", "S1") }},
		{"after latest", 2, func(p *schedule.Problem, _ *schedule.Schedule) {
			p.Meetings[6].Latest = pointerTo(casablanca("11-25 10:15"))
		}},
		{"before earliest", 2, func(p *schedule.Problem, _ *schedule.Schedule) {
			p.Meetings[6].Earliest = pointerTo(casablanca("11-25 10:15"))
		}},
		{"missing feature", 3, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m3", "11-24 10:30", "B2") }},
		{"room not allowed", 3, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m5", "11-24 14:00", "B2") }},
		{"unknown room", 3, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m5", "11-24 14:00", "S9") }},
		{"room too small", 3, func(p *schedule.Problem, s *schedule.Schedule) {
			p.Meetings[5].MinCapacity = pointerTo(3)
			moveTo(s, "m6", "11-24 14:00", "B2")
		}},
		{"room too small for the alternative's people", 3, func(p *schedule.Problem, _ *schedule.Schedule) {
			p.Rooms[0].Capacity = pointerTo(2)
			p.Meetings[2].Alternatives[0].Attendees = []string{"D", "E"}
		}},
		{"room unavailable", 3, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m5", "11-24 16:30", "S1") }},
		{"room double-booked", 4, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m6", "11-24 14:00", "S1") }},
		{"buffer", 5, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m2", "11-24 09:30", "B1") }},
		{"travel", 5, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m2", "11-24 09:45", "S1") }},
		{"buffer across days", 5, func(p *schedule.Problem, s *schedule.Schedule) {
			p.Windows[1].End = casablanca("11-25 00:00")
			p.Windows[2].Start = casablanca("11-25 00:00")
			moveTo(s, "m2", "11-24 23:30", "B1")
			moveTo(s, "m7", "11-25 00:00", "B1")
		}},
		{"person double-booked", 5, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m7", "11-25 09:00", "B1") }},
		{"person unavailable", 6, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m2", "11-24 11:00", "B2") }},
		{"alternative's person unavailable", 6, func(p *schedule.Problem, _ *schedule.Schedule) {
			p.People[3].Unavailable = []schedule.Unavailable{{Start: casablanca("11-24 11:00"), End: casablanca("11-24 11:30")}}
		}},
		{"too many a day", 7, func(_ *schedule.Problem, s *schedule.Schedule) { moveTo(s, "m7", "11-24 15:00", "B1") }},
		{"after order", 8, func(_ *schedule.Problem, s *schedule.Schedule) {
			moveTo(s, "m1", "11-24 09:45", "B1")
			moveTo(s, "m2", "11-24 09:00", "B1")
		}},
		{"break spread", 9, func(p *schedule.Problem, _ *schedule.Schedule) { p.Objective.MaxBreakSpread = pointerTo(0) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, s := deskCheckProblem(), deskSchedule()
			tt.change(p, s)
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			r := schedule.Check(p, s)
			if len(r.Violations) != 1 || r.Violations[0].Rule != tt.rule || r.Valid() {
				t.Fatalf("violations %+v, want one of rule %d", r.Violations, tt.rule)
			}
			if v := r.Violations[0]; v.Message == "" || (tt.rule < 9 && len(v.Meetings) == 0) {
				t.Errorf("violation %+v does not say what and which meetings", v)
			}
			t.Log(r.Violations[0].Message)
		})
	}
}

// TestCheckOverlapsAllPairs compares the checker's sorted sweeps with the
// plain comparison of every pair of meetings: the meetings named by rules
// 4 and 5 are exactly those that share a room or a person with a meeting
// at the same time.
func TestCheckOverlapsAllPairs(t *testing.T) {
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 1))
		p, s := randomProblem(rng), &schedule.Schedule{Format: schedule.ScheduleFormat}
		for _, m := range p.Meetings {
			s.Assignments = append(s.Assignments, schedule.Assignment{
				Meeting: m.ID,
				Start:   p.Windows[0].Start.Add(time.Duration(5*rng.IntN(40)) * time.Minute),
				Room:    p.Rooms[rng.IntN(len(p.Rooms))].ID,
			})
		}
		r := schedule.Check(p, s)
		named := map[int]map[string]bool{4: {}, 5: {}}
		for _, v := range r.Violations {
			for _, id := range v.Meetings {
				named[v.Rule][id] = true
			}
		}
		rooms, people := overlappingPairs(p, s)
		if !maps.Equal(named[4], rooms) || !maps.Equal(named[5], people) {
			t.Fatalf("seed %d: rule 4 names %v, rule 5 %v; all pairs give %v and %v", seed, named[4], named[5], rooms, people)
		}
	}
}

// randomProblem returns a problem of 30 meetings of two of eight people,
// in one venue and without buffers, so that only overlaps break rule 5.
func randomProblem(rng *rand.Rand) *schedule.Problem {
	p := &schedule.Problem{
		Format: schedule.ProblemFormat, Timezone: "UTC",
		Windows: []schedule.Interval{{Start: casablanca("11-24 09:00"), End: casablanca("11-24 18:00")}},
	}
	for i := range 3 {
		p.Rooms = append(p.Rooms, schedule.Room{ID: fmt.Sprint("R", i), Capacity: pointerTo(2)})
	}
	for i := range 8 {
		p.People = append(p.People, schedule.Person{ID: fmt.Sprint("P", i)})
	}
	for i := range 30 {
		a, b := rng.IntN(8), rng.IntN(7)
		if b >= a {
			b++
		}
		p.Meetings = append(p.Meetings, schedule.Meeting{
			ID: fmt.Sprint("m", i), Attendees: []string{fmt.Sprint("P", a), fmt.Sprint("P", b)}, DurationMinutes: 15 * (1 + rng.IntN(3)),
		})
	}
	return p
}

// overlappingPairs compares every two assignments of s and returns the
// meetings at the same time as another in their room, and those at the
// same time as another of one of their people.
func overlappingPairs(p *schedule.Problem, s *schedule.Schedule) (rooms, people map[string]bool) {
	rooms, people = map[string]bool{}, map[string]bool{}
	end := func(a schedule.Assignment) time.Time {
		i := slices.IndexFunc(p.Meetings, func(m schedule.Meeting) bool { return m.ID == a.Meeting })
		return a.Start.Add(time.Duration(p.Meetings[i].DurationMinutes) * time.Minute)
	}
	attendees := func(id string) []string {
		return p.Meetings[slices.IndexFunc(p.Meetings, func(m schedule.Meeting) bool { return m.ID == id })].Attendees
	}
	for i, a := range s.Assignments {
		for _, b := range s.Assignments[i+1:] {
			if !a.Start.Before(end(b)) || !b.Start.Before(end(a)) {
				continue
			}
			if a.Room == b.Room {
				rooms[a.Meeting], rooms[b.Meeting] = true, true
			}
			for _, x := range attendees(a.Meeting) {
				if slices.Contains(attendees(b.Meeting), x) {
					people[a.Meeting], people[b.Meeting] = true, true
				}
			}
		}
	}
	return rooms, people
}

// BenchmarkCheck checks a schedule of the 50,000-meeting fair that places
// meetings round the windows and rooms without looking: tens of thousands
// of violations to find and describe.
func BenchmarkCheck(b *testing.B) {
	p, err := readSynthetic(b, filepath.Join(syntheticDir, "fair-5000-50000-s2.json.gz"))
	if err != nil {
		b.Fatal(err)
	}
	s := &schedule.Schedule{Format: schedule.ScheduleFormat}
	step := time.Duration(p.GranularityOr5()) * time.Minute
	for i, m := range p.Meetings {
		w := p.Windows[i%len(p.Windows)]
		slots := int(w.End.Sub(w.Start) / step)
		s.Assignments = append(s.Assignments, schedule.Assignment{
			Meeting: m.ID, Start: w.Start.Add(time.Duration(i/len(p.Windows)%slots) * step), Room: p.Rooms[i%len(p.Rooms)].ID,
		})
	}
	b.ResetTimer()
	for range b.N {
		schedule.Check(p, s)
	}
}
