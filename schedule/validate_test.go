package schedule_test

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bilat"
	"bilat/schedule"
)

// casablanca parses a local time of 2025 in Casablanca (UTC+1), written without
// seconds or offset: "11-24 09:30".
func casablanca(s string) time.Time {
	t, err := time.Parse(time.RFC3339, "2025-"+strings.Replace(s, " ", "T", 1)+":00+01:00")
	if err != nil {
		panic(err)
	}
	return t
}

// pointerTo returns a pointer to a copy of v.
func pointerTo[T any](v T) *T { return &v }

// deskProblem returns a small valid problem: two venues 20 minutes apart,
// three rooms, five people and seven meetings over two days.
func deskProblem() *schedule.Problem {
	return &schedule.Problem{
		Format:      schedule.ProblemFormat,
		Timezone:    "Africa/Casablanca",
		Granularity: 15,
		Windows: []schedule.Interval{
			{casablanca("11-24 09:00"), casablanca("11-24 12:00")},
			{casablanca("11-24 14:00"), casablanca("11-24 18:00")},
			{casablanca("11-25 09:00"), casablanca("11-25 12:00")},
		},
		Venues: []schedule.Venue{{"palais"}, {"hotel"}},
		Travel: []schedule.Travel{{From: "palais", To: "hotel", Minutes: 20}},
		Rooms: []schedule.Room{
			{ID: "B1", Venue: "palais", Capacity: pointerTo(4), Features: []string{"interpretation"}},
			{ID: "B2", Venue: "palais", Capacity: pointerTo(2)},
			{ID: "S1", Venue: "hotel", Capacity: pointerTo(3), Unavailable: []schedule.Interval{{casablanca("11-24 16:00"), casablanca("11-24 17:00")}}},
		},
		People: []schedule.Person{
			{ID: "A", BufferMinutes: 10, MaxMeetingsPerDay: pointerTo(2)},
			{ID: "B"},
			{ID: "C", Unavailable: []schedule.Unavailable{{Start: casablanca("11-24 11:00"), End: casablanca("11-24 12:00"), Reason: "plenary"}}},
			{ID: "D"},
			{ID: "E"},
		},
		Meetings: []schedule.Meeting{
			{ID: "m1", Attendees: []string{"A", "B"}, DurationMinutes: 30, Weight: pointerTo(5.0), Mandatory: true,
				Preferred: []schedule.Preferred{{Start: casablanca("11-24 09:00"), End: casablanca("11-24 10:00"), Bonus: 2}, {Start: casablanca("11-24 09:00"), End: casablanca("11-24 12:00"), Bonus: 1}}},
			{ID: "m2", Attendees: []string{"A", "C"}, DurationMinutes: 30, After: []string{"m1"}},
			{ID: "m3", Attendees: []string{"B"}, DurationMinutes: 45, Features: []string{"interpretation"},
				Alternatives: []schedule.Alternative{{Attendees: []string{"D"}, Weight: pointerTo(2.0)}, {Attendees: []string{"E"}}}},
			{ID: "m4", Attendees: []string{"D", "E"}, DurationMinutes: 30, Fixed: &schedule.Fixed{Start: casablanca("11-25 09:00"), Room: "B2"}},
			{ID: "m5", Attendees: []string{"B", "D"}, DurationMinutes: 30, Rooms: []string{"S1"}},
			{ID: "m6", Attendees: []string{"C", "E"}, DurationMinutes: 30},
			{ID: "m7", Attendees: []string{"A", "E"}, DurationMinutes: 30, Weight: pointerTo(3.0), Earliest: pointerTo(casablanca("11-24 14:00")), Latest: pointerTo(casablanca("11-25 12:00"))},
		},
		Previous:  []schedule.Placement{{Meeting: "m1", Start: casablanca("11-24 09:00"), Room: "B1"}, {Meeting: "m2", Start: casablanca("11-24 10:00"), Room: "B1"}},
		Objective: schedule.Objective{MovePenalty: 0.5, BreakPenalty: 0.25, MaxBreakSpread: pointerTo(2)},
	}
}

// problemPaths returns the paths of the problems in err.
func problemPaths(err error) []string {
	var out []string
	for _, p := range bilat.ErrorProblems(err) {
		out = append(out, p.Field)
	}
	return out
}

func TestValidateDeskProblem(t *testing.T) {
	if err := deskProblem().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *schedule.Problem)
		want   []string // the paths of the problems, in order
		msg    string   // a part of the first message
	}{
		{"format", func(p *schedule.Problem) { p.Format = "bilat-problem/2" }, []string{"format"}, `must be "bilat-problem/1"`},
		{"no timezone", func(p *schedule.Problem) { p.Timezone = "" }, []string{"timezone"}, "is required"},
		{"unknown timezone", func(p *schedule.Problem) { p.Timezone = "Africa/Atlantis" }, []string{"timezone"}, `unknown time zone "Africa/Atlantis"`},
		{"local timezone", func(p *schedule.Problem) { p.Timezone = "Local" }, []string{"timezone"}, "IANA"},
		{"negative granularity", func(p *schedule.Problem) { p.Granularity = -5 }, []string{"granularity_minutes"}, "positive"},
		{"no windows", func(p *schedule.Problem) { p.Windows = nil }, []string{"windows"}, "at least one"},
		{"window backwards", func(p *schedule.Problem) { p.Windows[1].End = casablanca("11-24 13:00") }, []string{"windows[1].end"}, "must be after start"},
		{"window without start", func(p *schedule.Problem) { p.Windows[0].Start = time.Time{} }, []string{"windows[0].start"}, "is required"},
		{"windows overlap", func(p *schedule.Problem) {
			p.Windows[2] = schedule.Interval{casablanca("11-24 17:00"), casablanca("11-24 19:00")}
		}, []string{"windows[2]"}, "overlaps windows[1]"},
		{"window inside another", func(p *schedule.Problem) {
			p.Windows = append(p.Windows, schedule.Interval{casablanca("11-24 09:30"), casablanca("11-24 10:00")}, schedule.Interval{casablanca("11-24 10:30"), casablanca("11-24 11:00")})
		}, []string{"windows[3]", "windows[4]"}, "overlaps windows[0]"},
		{"venue without id", func(p *schedule.Problem) { p.Venues = append(p.Venues, schedule.Venue{}) }, []string{"venues[2].id"}, "is required"},
		{"venue twice", func(p *schedule.Problem) { p.Venues = append(p.Venues, schedule.Venue{"hotel"}) }, []string{"venues[2].id"}, `"hotel" is also the id of venues[1]`},
		{"travel to unknown venue", func(p *schedule.Problem) { p.Travel[0].To = "moon" }, []string{"travel[0].to", "travel"}, `unknown venue "moon"`},
		{"negative travel", func(p *schedule.Problem) { p.Travel[0].Minutes = -1 }, []string{"travel[0].minutes"}, "must not be negative"},
		{"travel both ways differently", func(p *schedule.Problem) {
			p.Travel = append(p.Travel, schedule.Travel{From: "hotel", To: "palais", Minutes: 25})
		}, []string{"travel[1].minutes"}, "travel[0] gives 20"},
		{"travel both ways alike", func(p *schedule.Problem) {
			p.Travel = append(p.Travel, schedule.Travel{From: "hotel", To: "palais", Minutes: 20})
		}, nil, ""},
		{"travel within a venue", func(p *schedule.Problem) {
			p.Travel = append(p.Travel, schedule.Travel{From: "hotel", To: "hotel", Minutes: 5})
		}, []string{"travel[1].minutes"}, "must be 0"},
		{"no travel between venues", func(p *schedule.Problem) { p.Travel = nil }, []string{"travel"}, `no travel time between "palais" and "hotel"`},
		{"unused venue needs no travel", func(p *schedule.Problem) {
			p.Venues = append(p.Venues, schedule.Venue{"embassy"})
		}, nil, ""},
		{"room without venue", func(p *schedule.Problem) { p.Rooms[1].Venue = "" }, []string{"rooms[1].venue"}, "two or more venues"},
		{"room without venue, one venue", func(p *schedule.Problem) {
			p.Venues, p.Travel = p.Venues[:1], nil
			p.Rooms[1].Venue, p.Rooms[2].Venue = "", ""
		}, nil, ""},
		{"room at unknown venue", func(p *schedule.Problem) {
			p.Venues, p.Travel, p.Rooms[2].Venue = nil, nil, "hotel"
			p.Rooms[0].Venue, p.Rooms[1].Venue = "", ""
		}, []string{"rooms[2].venue"}, `unknown venue "hotel"`},
		{"room twice", func(p *schedule.Problem) {
			p.Rooms = append(p.Rooms, schedule.Room{ID: "B1", Venue: "palais", Capacity: pointerTo(1)})
		}, []string{"rooms[3].id"}, "is also the id of rooms[0]"},
		{"room without capacity", func(p *schedule.Problem) { p.Rooms[0].Capacity = nil }, []string{"rooms[0].capacity"}, "is required"},
		{"room of no capacity", func(p *schedule.Problem) { p.Rooms[0].Capacity = pointerTo(0) }, []string{"rooms[0].capacity"}, "at least 1"},
		{"room unavailable backwards", func(p *schedule.Problem) {
			p.Rooms[2].Unavailable[0].End = casablanca("11-24 15:00")
		}, []string{"rooms[2].unavailable[0].end"}, "must be after start"},
		{"person without id", func(p *schedule.Problem) { p.People[4].ID = " " }, []string{"people[4].id", "meetings[2].alternatives[1].attendees[0]", "meetings[3].attendees[1]", "meetings[5].attendees[1]", "meetings[6].attendees[1]"}, "is required"},
		{"person twice", func(p *schedule.Problem) { p.People[4].ID = "D" }, []string{"people[4].id", "meetings[2].alternatives[1].attendees[0]", "meetings[3].attendees[1]", "meetings[5].attendees[1]", "meetings[6].attendees[1]"}, `"D" is also the id of people[3]`},
		{"negative buffer", func(p *schedule.Problem) { p.People[0].BufferMinutes = -10 }, []string{"people[0].buffer_minutes"}, "must not be negative"},
		{"negative daily limit", func(p *schedule.Problem) { p.People[0].MaxMeetingsPerDay = pointerTo(-1) }, []string{"people[0].max_meetings_per_day"}, "must not be negative"},
		{"no daily meeting", func(p *schedule.Problem) { p.People[0].MaxMeetingsPerDay = pointerTo(0) }, nil, ""},
		{"person unavailable without end", func(p *schedule.Problem) { p.People[2].Unavailable[0].End = time.Time{} }, []string{"people[2].unavailable[0].end"}, "is required"},
		{"meeting without id", func(p *schedule.Problem) { p.Meetings[5].ID = "" }, []string{"meetings[5].id"}, "is required"},
		{"meeting twice", func(p *schedule.Problem) { p.Meetings[5].ID = "m1" }, []string{"meetings[5].id"}, `"m1" is also the id of meetings[0]`},
		{"no duration", func(p *schedule.Problem) { p.Meetings[0].DurationMinutes = 0 }, []string{"meetings[0].duration_minutes"}, "is required"},
		{"negative duration", func(p *schedule.Problem) { p.Meetings[0].DurationMinutes = -30 }, []string{"meetings[0].duration_minutes"}, "positive"},
		{"no attendees", func(p *schedule.Problem) { p.Meetings[5].Attendees = nil }, []string{"meetings[5].attendees"}, "at least one attendee"},
		{"no attendees but alternatives", func(p *schedule.Problem) { p.Meetings[2].Attendees = nil }, nil, ""},
		{"unknown attendee", func(p *schedule.Problem) { p.Meetings[5].Attendees[1] = "DE-HOD2" }, []string{"meetings[5].attendees[1]"}, `unknown person "DE-HOD2"`},
		{"attendee twice", func(p *schedule.Problem) { p.Meetings[5].Attendees = []string{"C", "E", "C"} }, []string{"meetings[5].attendees[2]"}, `"C" is also attendees[0]`},
		{"zero weight", func(p *schedule.Problem) { p.Meetings[0].Weight = pointerTo(0.0) }, []string{"meetings[0].weight"}, "positive number"},
		{"negative weight", func(p *schedule.Problem) { p.Meetings[0].Weight = pointerTo(-1.0) }, []string{"meetings[0].weight"}, "positive number"},
		{"latest before earliest", func(p *schedule.Problem) { p.Meetings[6].Latest = pointerTo(casablanca("11-24 13:00")) }, []string{"meetings[6].latest"}, "must be after earliest"},
		{"latest at earliest", func(p *schedule.Problem) { p.Meetings[6].Latest = pointerTo(casablanca("11-24 14:00")) }, []string{"meetings[6].latest"}, "must be after earliest"},
		{"too short between earliest and latest", func(p *schedule.Problem) {
			p.Meetings[6].Latest = pointerTo(casablanca("11-24 14:29"))
		}, []string{"meetings[6].latest"}, "leaves 29 minutes"},
		{"just long enough between earliest and latest", func(p *schedule.Problem) { p.Meetings[6].Latest = pointerTo(casablanca("11-24 14:30")) }, nil, ""},
		{"unknown room", func(p *schedule.Problem) { p.Meetings[4].Rooms = []string{"S1", "S9"} }, []string{"meetings[4].rooms[1]"}, `unknown room "S9"`},
		{"no min capacity", func(p *schedule.Problem) { p.Meetings[4].MinCapacity = pointerTo(0) }, []string{"meetings[4].min_capacity"}, "at least 1"},
		{"after unknown", func(p *schedule.Problem) { p.Meetings[1].After = []string{"m1", "m9"} }, []string{"meetings[1].after[1]"}, `unknown meeting "m9"`},
		{"after itself", func(p *schedule.Problem) { p.Meetings[1].After = []string{"m2"} }, []string{"meetings[1].after[0]"}, "cannot follow itself"},
		{"after cycle", func(p *schedule.Problem) {
			p.Meetings[0].After = []string{"m6"}
			p.Meetings[5].After = []string{"m2"}
		}, []string{"meetings[1].after[0]"}, `closes a cycle: "m1" after "m6" after "m2" after "m1"`},
		{"alternative without people", func(p *schedule.Problem) { p.Meetings[2].Alternatives[1].Attendees = nil }, []string{"meetings[2].alternatives[1].attendees"}, "at least one"},
		{"alternative with unknown person", func(p *schedule.Problem) {
			p.Meetings[2].Alternatives[1].Attendees = []string{"E", "Z"}
		}, []string{"meetings[2].alternatives[1].attendees[1]"}, `unknown person "Z"`},
		{"alternative with an attendee", func(p *schedule.Problem) {
			p.Meetings[2].Alternatives[0].Attendees = []string{"D", "B"}
		}, []string{"meetings[2].alternatives[0].attendees[1]"}, `"B" is already an attendee`},
		{"alternative of negative weight", func(p *schedule.Problem) { p.Meetings[2].Alternatives[0].Weight = pointerTo(-2.0) }, []string{"meetings[2].alternatives[0].weight"}, "must not be negative"},
		{"alternative of no weight", func(p *schedule.Problem) { p.Meetings[2].Alternatives[0].Weight = pointerTo(0.0) }, nil, ""},
		{"fixed without start", func(p *schedule.Problem) { p.Meetings[3].Fixed.Start = time.Time{} }, []string{"meetings[3].fixed.start"}, "is required"},
		{"fixed in unknown room", func(p *schedule.Problem) { p.Meetings[3].Fixed.Room = "B9" }, []string{"meetings[3].fixed.room"}, `unknown room "B9"`},
		{"fixed alternative without alternatives", func(p *schedule.Problem) { p.Meetings[3].Fixed.Alternative = pointerTo(0) }, []string{"meetings[3].fixed.alternative"}, "no alternatives"},
		{"fixed alternative out of range", func(p *schedule.Problem) {
			p.Meetings[2].Fixed = &schedule.Fixed{Start: casablanca("11-24 09:00"), Alternative: pointerTo(2)}
		}, []string{"meetings[2].fixed.alternative"}, "from 0 to 1"},
		{"fixed alternative in range", func(p *schedule.Problem) {
			p.Meetings[2].Fixed = &schedule.Fixed{Start: casablanca("11-24 09:00"), Alternative: pointerTo(1)}
		}, nil, ""},
		{"preferred backwards", func(p *schedule.Problem) { p.Meetings[0].Preferred[1].End = casablanca("11-24 08:00") }, []string{"meetings[0].preferred[1].end"}, "must be after start"},
		{"negative bonus", func(p *schedule.Problem) { p.Meetings[0].Preferred[0].Bonus = -1 }, []string{"meetings[0].preferred[0].bonus"}, "must not be negative"},
		{"previous unknown meeting", func(p *schedule.Problem) { p.Previous[1].Meeting = "m9" }, []string{"previous[1].meeting"}, `unknown meeting "m9"`},
		{"previous twice", func(p *schedule.Problem) { p.Previous[1].Meeting = "m1" }, []string{"previous[1].meeting"}, `"m1" is also previous[0]`},
		{"previous unknown room", func(p *schedule.Problem) { p.Previous[1].Room = "B9" }, []string{"previous[1].room"}, `unknown room "B9"`},
		{"previous without start", func(p *schedule.Problem) { p.Previous[0].Start = time.Time{} }, []string{"previous[0].start"}, "is required"},
		{"negative penalties", func(p *schedule.Problem) {
			p.Objective = schedule.Objective{MovePenalty: -1, BreakPenalty: -1, MaxBreakSpread: pointerTo(-1)}
		}, []string{"objective.move_penalty", "objective.break_penalty", "objective.max_break_spread"}, "must not be negative"},
		{"everything at once", func(p *schedule.Problem) {
			p.Format = ""
			p.Meetings[0].DurationMinutes = 0
			p.Meetings[5].Attendees[1] = "DE-HOD2"
		}, []string{"format", "meetings[0].duration_minutes", "meetings[5].attendees[1]"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := deskProblem()
			tt.change(p)
			err := p.Validate()
			if got := problemPaths(err); !slices.Equal(got, tt.want) {
				t.Fatalf("paths %q, want %q\n%v", got, tt.want, err)
			}
			if err == nil {
				return
			}
			if bilat.ErrorCode(err) != bilat.EINVALID {
				t.Errorf("code %q, want %q", bilat.ErrorCode(err), bilat.EINVALID)
			}
			if msg := bilat.ErrorProblems(err)[0].Message; !strings.Contains(msg, tt.msg) {
				t.Errorf("message %q does not say %q", msg, tt.msg)
			}
		})
	}
}

func TestValidateMessage(t *testing.T) {
	p := deskProblem()
	p.Meetings[5].Attendees[1] = "DE-HOD2"
	want := `invalid problem: meetings[5].attendees[1]: unknown person "DE-HOD2"`
	if err := p.Validate(); err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// syntheticDir holds the benchmark problems, beside the repository.
const syntheticDir = "../../shared/bench/synthetic"

// readSynthetic reads a benchmark problem, gzip-compressed or not.
func readSynthetic(t testing.TB, name string) (*schedule.Problem, error) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Skipf("benchmark data absent: %v", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			t.Fatal(err)
		}
	}
	return schedule.ReadProblem(r)
}

func TestSyntheticProblemsAreValid(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(syntheticDir, "*.json*"))
	if len(names) == 0 {
		t.Skipf("no benchmark problems in %s", syntheticDir)
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			if testing.Short() && strings.HasSuffix(name, ".gz") {
				t.Skip("large problem in short mode")
			}
			if _, err := readSynthetic(t, name); err != nil {
				t.Error(err)
			}
		})
	}
}
