package b2b

import (
	"fmt"
	"time"

	"bilat/schedule"
)

// The mapping's defaults.
const (
	DefaultSlotMinutes = 20
	DefaultFairness    = 2 // the d of the paper's main tables
)

// day is the date the event is held on, in UTC.
var day = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// dayStart is when the first slot begins, unless the slots would then run
// past midnight.
const dayStart = 9 * time.Hour

// Options steer the mapping.
type Options struct {
	// Fairness is d: over the participants with a meeting, the most breaks
	// minus the fewest may not exceed it. Negative means no limit.
	Fairness int
	// SlotMinutes is the length of a slot and of every meeting; 0 means
	// DefaultSlotMinutes.
	SlotMinutes int
}

// Problem maps the instance with fairness d = fairness and 20-minute
// slots, as described in the package documentation. It panics if the
// slots do not fit in a day, which cannot happen for an instance ReadDZN
// returned; use ProblemWith for other slot lengths.
func (in *Instance) Problem(name string, fairness int) *schedule.Problem {
	p, err := in.ProblemWith(name, Options{Fairness: fairness})
	if err != nil {
		panic(err)
	}
	return p
}

// ProblemWith maps the instance with the given options. It fails only when
// the slot length is negative or the slots do not fit in one day.
func (in *Instance) ProblemWith(name string, o Options) (*schedule.Problem, error) {
	g, err := newGrid(in.TotalSlots, o.SlotMinutes)
	if err != nil {
		return nil, err
	}
	p := &schedule.Problem{
		Format:      schedule.ProblemFormat,
		Name:        name,
		Timezone:    "UTC",
		Granularity: g.minutes,
		Windows:     []schedule.Interval{{Start: g.at(1), End: g.at(in.TotalSlots + 1)}},
		Rooms:       in.rooms(),
		People:      in.people(g),
		Meetings:    in.meetings(g),
		Objective:   schedule.Objective{BreakPenalty: 1},
	}
	if o.Fairness >= 0 {
		p.Objective.MaxBreakSpread = &o.Fairness
	}
	return p, nil
}

// grid places the slots in time: slot k, counted from 1, starts at at(k).
type grid struct {
	start   time.Time // of slot 1
	minutes int
}

// newGrid lays n slots of the given minutes (0 for the default) in a day.
func newGrid(n, minutes int) (grid, error) {
	if minutes == 0 {
		minutes = DefaultSlotMinutes
	}
	length := time.Duration(n*minutes) * time.Minute
	switch {
	case minutes < 0:
		return grid{}, fmt.Errorf("a slot of %d minutes", minutes)
	case n < 1 || length > 24*time.Hour:
		return grid{}, fmt.Errorf("%d slots of %d minutes do not fit in one day", n, minutes)
	}
	return grid{start: day.Add(min(dayStart, 24*time.Hour-length)), minutes: minutes}, nil
}

func (g grid) at(k int) time.Time {
	return g.start.Add(time.Duration((k-1)*g.minutes) * time.Minute)
}

// rooms returns one two-seat room per table, t1..tN.
func (in *Instance) rooms() []schedule.Room {
	rooms := make([]schedule.Room, in.Tables)
	for i := range rooms {
		seats := 2
		rooms[i] = schedule.Room{ID: fmt.Sprintf("t%d", i+1), Capacity: &seats}
	}
	return rooms
}

// people returns the participants, b1..bN, each forbidden slot an
// unavailable interval.
func (in *Instance) people(g grid) []schedule.Person {
	people := make([]schedule.Person, in.Business)
	for i := range people {
		people[i].ID = personID(i + 1)
		if i >= len(in.Forbidden) {
			continue
		}
		for _, k := range in.Forbidden[i] {
			people[i].Unavailable = append(people[i].Unavailable, schedule.Unavailable{
				Start: g.at(k), End: g.at(k + 1), Reason: fmt.Sprintf("forbidden slot %d", k)})
		}
	}
	return people
}

// meetings returns the requested meetings, m1..mN, all mandatory.
func (in *Instance) meetings(g grid) []schedule.Meeting {
	out := make([]schedule.Meeting, len(in.Meetings))
	for i, m := range in.Meetings {
		sm := schedule.Meeting{
			ID:              meetingID(i + 1),
			Attendees:       []string{personID(m.A), personID(m.B)},
			DurationMinutes: g.minutes,
			Mandatory:       true,
		}
		sm.Earliest, sm.Latest = in.session(g, m.Session)
		if m.Fixed > 0 {
			sm.Fixed = &schedule.Fixed{Start: g.at(m.Fixed)}
		}
		for _, j := range m.After {
			sm.After = append(sm.After, meetingID(j))
		}
		out[i] = sm
	}
	return out
}

// session returns the bounds of a morning or afternoon meeting; a meeting
// that may take place either has none.
func (in *Instance) session(g grid, s Session) (earliest, latest *time.Time) {
	first, last := 1, in.TotalSlots
	switch s {
	case Morning:
		last = in.MorningSlots
	case Afternoon:
		first = in.MorningSlots + 1
	default:
		return nil, nil
	}
	from, to := g.at(first), g.at(last+1)
	return &from, &to
}

func personID(b int) string  { return fmt.Sprintf("b%d", b) }
func meetingID(m int) string { return fmt.Sprintf("m%d", m) }
