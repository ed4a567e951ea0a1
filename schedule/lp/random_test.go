package lp

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
	"time"

	"bilat/schedule"
)

// TestCBCRandom solves small random problems, with every constraint the
// model holds, with CBC and checks the decoded schedules with the
// independent checker: the model must not let an invalid schedule through.
func TestCBCRandom(t *testing.T) {
	if _, err := exec.LookPath(CBC); err != nil {
		t.Skip("cbc is not installed (Debian package coinor-cbc)")
	}
	n := uint64(20)
	if testing.Short() {
		n = 5
	}
	for seed := range n {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			p := randomProblem(rand.New(rand.NewPCG(seed, 7)))
			if err := p.Validate(); err != nil {
				t.Fatalf("the generator made an invalid problem: %v", err)
			}
			m, err := Build(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.infeasible) > 0 {
				t.Skip("a mandatory meeting has nowhere to go")
			}
			var text strings.Builder
			if _, err := m.WriteTo(&text); err != nil {
				t.Fatal(err)
			}
			obj, solPath, err := RunCBC(context.Background(), writeTemp(t, text.String()), 10*time.Second)
			var se *StatusError
			if errors.As(err, &se) && se.Status == Infeasible {
				t.Skip("infeasible: mandatory meetings compete for one person's day")
			} else if err != nil {
				t.Fatal(err)
			}
			s := readSolution(t, solPath, m)
			rep := schedule.Check(p, s)
			if !rep.Valid() {
				t.Fatalf("CBC's schedule breaks hard constraints: %v", rep.Violations)
			}
			if diff := rep.Score - (obj + m.Offset); diff > 1e-6 || diff < -1e-6 {
				t.Errorf("checked score %g, model's objective %g", rep.Score, obj+m.Offset)
			}
		})
	}
}

// randomProblem returns a small problem over two days and two venues with
// buffers, travel, daily limits, unavailability, features, alternatives,
// preferences, orders, a fixed meeting and a previous schedule.
func randomProblem(r *rand.Rand) *schedule.Problem {
	day := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC)
	at := func(d, min int) time.Time { return day.AddDate(0, 0, d).Add(time.Duration(min) * time.Minute) }
	p := &schedule.Problem{
		Format: schedule.ProblemFormat, Name: "random", Timezone: "UTC", Granularity: 15,
		Windows:   []schedule.Interval{{Start: at(0, 0), End: at(0, 180)}, {Start: at(1, 0), End: at(1, 180)}},
		Venues:    []schedule.Venue{{ID: "V1"}, {ID: "V2"}},
		Travel:    []schedule.Travel{{From: "V1", To: "V2", Minutes: 5 + 5*r.IntN(4)}},
		Objective: schedule.Objective{MovePenalty: 0.5},
	}
	for i := range 4 {
		room := schedule.Room{ID: fmt.Sprintf("R%d", i), Venue: fmt.Sprintf("V%d", 1+i%2), Capacity: ptr(2 + r.IntN(4))}
		if r.IntN(3) == 0 {
			room.Features = []string{"secure"}
		}
		if r.IntN(3) == 0 {
			d, s := r.IntN(2), 15*r.IntN(12)
			room.Unavailable = []schedule.Interval{{Start: at(d, s), End: at(d, s+30)}}
		}
		p.Rooms = append(p.Rooms, room)
	}
	for i := range 6 {
		per := schedule.Person{ID: fmt.Sprintf("P%d", i), BufferMinutes: 5 * r.IntN(4)}
		if r.IntN(2) == 0 {
			per.MaxMeetingsPerDay = ptr(1 + r.IntN(3))
		}
		if r.IntN(2) == 0 {
			d, s := r.IntN(2), 15*r.IntN(10)
			per.Unavailable = []schedule.Unavailable{{Start: at(d, s), End: at(d, s+45)}}
		}
		p.People = append(p.People, per)
	}
	for i := range 14 {
		p.Meetings = append(p.Meetings, randomMeeting(r, i, at))
	}
	p.Meetings[0].Fixed = &schedule.Fixed{Start: at(0, 0)}
	p.Meetings[0].Rooms = nil
	p.Meetings[0].Earliest, p.Meetings[0].Latest = nil, nil
	p.Previous = []schedule.Placement{{Meeting: p.Meetings[1].ID, Start: at(0, 60), Room: "R0"}}
	return p
}

func randomMeeting(r *rand.Rand, i int, at func(d, min int) time.Time) schedule.Meeting {
	a := r.IntN(6)
	m := schedule.Meeting{
		ID:              fmt.Sprintf("m%d", i),
		Attendees:       []string{fmt.Sprintf("P%d", a), fmt.Sprintf("P%d", (a+1+r.IntN(5))%6)},
		DurationMinutes: 15 * (1 + r.IntN(3)),
		Weight:          ptr(float64(1 + r.IntN(5))),
	}
	switch r.IntN(6) {
	case 0:
		m.Features = []string{"secure"}
	case 1:
		k := r.IntN(4)
		m.Rooms = []string{fmt.Sprintf("R%d", k), fmt.Sprintf("R%d", (k+1)%4)}
	case 2:
		m.Earliest, m.Latest = ptr(at(0, 60)), ptr(at(1, 120))
	case 3:
		if i > 2 {
			m.After = []string{fmt.Sprintf("m%d", r.IntN(i))}
		}
	case 4:
		m.Preferred = []schedule.Preferred{{Start: at(1, 0), End: at(1, 90), Bonus: 1.5}}
	case 5:
		m.Attendees = m.Attendees[:1]
		other := fmt.Sprintf("P%d", (a+1)%6)
		m.Alternatives = []schedule.Alternative{{Attendees: []string{other}}, {Attendees: []string{fmt.Sprintf("P%d", (a+2)%6)}, Weight: ptr(0.5)}}
	}
	m.Mandatory = i%5 == 4
	return m
}

func ptr[T any](v T) *T { return &v }
