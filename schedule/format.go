package schedule

import "time"

// Format names.
const (
	ProblemFormat  = "bilat-problem/1"
	ScheduleFormat = "bilat-schedule/1"
)

// Problem is a bilat-problem/1 document.
type Problem struct {
	Format      string      `json:"format"`
	Name        string      `json:"name,omitempty"`
	Timezone    string      `json:"timezone"`
	Granularity int         `json:"granularity_minutes,omitempty"` // 0 means the default, 5
	Windows     []Interval  `json:"windows"`
	Venues      []Venue     `json:"venues,omitempty"`
	Travel      []Travel    `json:"travel,omitempty"`
	Rooms       []Room      `json:"rooms"`
	People      []Person    `json:"people"`
	Meetings    []Meeting   `json:"meetings"`
	Previous    []Placement `json:"previous,omitempty"`
	Objective   Objective   `json:"objective,omitzero"`
}

// Interval is a half-open period [Start, End).
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Venue is a building.
type Venue struct {
	ID string `json:"id"`
}

// Travel is the time between two venues, either way.
type Travel struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Minutes int    `json:"minutes"`
}

// Room is a place where meetings are held.
type Room struct {
	ID          string     `json:"id"`
	Venue       string     `json:"venue,omitempty"`
	Capacity    *int       `json:"capacity"`
	Features    []string   `json:"features,omitempty"`
	Unavailable []Interval `json:"unavailable,omitempty"`
}

// Person is someone who attends meetings.
type Person struct {
	ID                string        `json:"id"`
	Party             string        `json:"party,omitempty"`
	BufferMinutes     int           `json:"buffer_minutes,omitempty"`
	MaxMeetingsPerDay *int          `json:"max_meetings_per_day,omitempty"`
	Unavailable       []Unavailable `json:"unavailable,omitempty"`
}

// Unavailable is a period in which a person cannot meet, and why.
type Unavailable struct {
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Reason string    `json:"reason,omitempty"`
}

// Meeting is a meeting to place.
type Meeting struct {
	ID              string        `json:"id"`
	Attendees       []string      `json:"attendees,omitempty"`
	DurationMinutes int           `json:"duration_minutes"`
	Weight          *float64      `json:"weight,omitempty"` // nil means 1
	Mandatory       bool          `json:"mandatory,omitempty"`
	Earliest        *time.Time    `json:"earliest,omitempty"`
	Latest          *time.Time    `json:"latest,omitempty"`
	Rooms           []string      `json:"rooms,omitempty"`
	MinCapacity     *int          `json:"min_capacity,omitempty"`
	Features        []string      `json:"features,omitempty"`
	After           []string      `json:"after,omitempty"`
	Alternatives    []Alternative `json:"alternatives,omitempty"`
	Fixed           *Fixed        `json:"fixed,omitempty"`
	Preferred       []Preferred   `json:"preferred,omitempty"`
}

// Alternative is one way to hold a meeting: its people join the attendees
// and its weight replaces the meeting's.
type Alternative struct {
	Attendees []string `json:"attendees"`
	Weight    *float64 `json:"weight,omitempty"` // nil means the meeting's weight
}

// Fixed pins a meeting's start, and its room and alternative if given.
type Fixed struct {
	Start       time.Time `json:"start"`
	Room        string    `json:"room,omitempty"`
	Alternative *int      `json:"alternative,omitempty"`
}

// Preferred earns Bonus when the meeting lies wholly inside [Start, End).
type Preferred struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Bonus float64   `json:"bonus"`
}

// Placement is a meeting's place in the schedule being repaired.
type Placement struct {
	Meeting string    `json:"meeting"`
	Start   time.Time `json:"start"`
	Room    string    `json:"room"`
}

// Objective holds the soft terms and the fairness limit.
type Objective struct {
	MovePenalty    float64 `json:"move_penalty,omitempty"`
	BreakPenalty   float64 `json:"break_penalty,omitempty"`
	MaxBreakSpread *int    `json:"max_break_spread,omitempty"`
}

// Schedule is a bilat-schedule/1 document.
type Schedule struct {
	Format          string        `json:"format"`
	Assignments     []Assignment  `json:"assignments"`
	Unscheduled     []Unscheduled `json:"unscheduled"`
	Score           float64       `json:"score"`
	ScheduledWeight float64       `json:"scheduled_weight"`
	Bound           *float64      `json:"bound,omitempty"`
	Stats           *Stats        `json:"stats,omitempty"`
}

// Assignment places one meeting.
type Assignment struct {
	Meeting     string    `json:"meeting"`
	Start       time.Time `json:"start"`
	Room        string    `json:"room"`
	Alternative *int      `json:"alternative,omitempty"`
}

// Unscheduled says why a meeting was left out: a machine-readable code and
// a sentence a protocol officer can act on.
type Unscheduled struct {
	Meeting string `json:"meeting"`
	Code    string `json:"code"`
	Reason  string `json:"reason"`
	// Fix is the smallest change found that would let the meeting in.
	Fix string `json:"fix,omitempty"`
}

// Stats describes the run that produced a schedule.
type Stats struct {
	ElapsedMS  int64   `json:"elapsed_ms"`
	Iterations int64   `json:"iterations"`
	Optimal    bool    `json:"optimal,omitempty"`
	Seed       int64   `json:"seed,omitempty"`
	Greedy     float64 `json:"greedy_score,omitempty"`
}

// WeightOr1 returns the meeting's weight, 1 when not given.
func (m *Meeting) WeightOr1() float64 {
	if m.Weight == nil {
		return 1
	}
	return *m.Weight
}

// WeightOr returns the alternative's weight, the meeting's when not given.
func (a *Alternative) WeightOr(meeting float64) float64 {
	if a.Weight == nil {
		return meeting
	}
	return *a.Weight
}

// GranularityOr5 returns the grid step in minutes, 5 when not given.
func (p *Problem) GranularityOr5() int {
	if p.Granularity <= 0 {
		return 5
	}
	return p.Granularity
}

// Location returns the problem's time zone, UTC if it cannot be loaded
// (Validate refuses such a problem).
func (p *Problem) Location() *time.Location {
	loc, err := time.LoadLocation(p.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}
