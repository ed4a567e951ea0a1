package plan

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strconv"
	"time"

	"bilat"
	"bilat/schedule"
)

// Defaults of BuildOptions.
const (
	DefaultDayStart    = 8*time.Hour + 30*time.Minute
	DefaultDayEnd      = 19*time.Hour + 30*time.Minute
	DefaultGranularity = 5
	// DefaultMovePenalty makes moving a scheduled meeting cost more than
	// any bonus (there are none yet) and less than a request of the lowest
	// priority is worth with the principal it asked for first.
	DefaultMovePenalty = 0.5
	DefaultBuffer      = 10
	DefaultMaxCapacity = 10
)

// A principal asked for as a later choice, or a deputy standing in, is
// worth less than the first choice: the value of a request is its priority
// times preferenceFactor for each rank of preference below the first, or
// times deputyFactor when a deputy holds it.
const (
	preferenceFactor = 0.6
	deputyFactor     = 0.3
)

// BuildOptions are the desk's choices that the records do not hold. Zero
// fields take the defaults.
type BuildOptions struct {
	// DayStart and DayEnd bound each event day's window for bilaterals, as
	// times since local midnight in the event's zone.
	DayStart, DayEnd time.Duration
	// Granularity is the step, in minutes, at which meetings may start.
	Granularity int
	// MovePenalty is what moving a scheduled meeting costs.
	MovePenalty float64
	// BufferMinutes is the idle time principals keep between two
	// engagements; negative means none.
	BufferMinutes int
	// MaxCapacity caps the seats a meeting asks for, so that a large
	// delegation is not shut out of every room: a bilateral seats a few
	// of its members.
	MaxCapacity int
	// Deputies lets a deputy of a principal asked for hold an accepted
	// request, at a lower value, as the desk may when the principal is
	// not free. Off, only the principals asked for are proposed.
	Deputies bool
}

func (o BuildOptions) withDefaults() (BuildOptions, error) {
	if o.DayStart == 0 && o.DayEnd == 0 {
		o.DayStart, o.DayEnd = DefaultDayStart, DefaultDayEnd
	}
	if o.Granularity == 0 {
		o.Granularity = DefaultGranularity
	}
	if o.MovePenalty == 0 {
		o.MovePenalty = DefaultMovePenalty
	}
	if o.BufferMinutes == 0 {
		o.BufferMinutes = DefaultBuffer
	}
	if o.MaxCapacity == 0 {
		o.MaxCapacity = DefaultMaxCapacity
	}
	v := bilat.NewProblems("")
	v.Check(o.DayStart >= 0 && o.DayStart < o.DayEnd && o.DayEnd <= 24*time.Hour, "day_end", "the day must start before it ends, within 24 hours")
	v.Check(o.Granularity > 0 && o.Granularity <= 60, "granularity", "must be between 1 and 60 minutes")
	v.Check(o.MovePenalty >= 0, "move_penalty", "must not be negative")
	v.Check(o.MaxCapacity > 0, "max_capacity", "must be at least 1")
	o.BufferMinutes = max(o.BufferMinutes, 0)
	return o, v.Err("scheduling options")
}

// MeetingID is the problem identifier of a request's meeting. Each kind of
// record has its own prefix (r, p, room, venue), so that an identifier in
// the engine's explanations reads back as one record.
func MeetingID(requestID int64) string { return "r" + strconv.FormatInt(requestID, 10) }

// PersonID is the problem identifier of a person.
func PersonID(personID int64) string { return "p" + strconv.FormatInt(personID, 10) }

// RoomID is the problem identifier of a room.
func RoomID(roomID int64) string { return "room" + strconv.FormatInt(roomID, 10) }

// venueID is the problem identifier of a venue.
func venueID(id int64) string { return "venue" + strconv.FormatInt(id, 10) }

// builder carries a problem being built from one event's records.
type builder struct {
	w   *world
	opt BuildOptions
	p   *schedule.Problem
	m   *Mapping
}

// Build reads an event's records and returns its scheduling problem: one
// window per event day, its rooms and venues, the principals and the
// people who asked for meetings with the times they are taken, and one
// meeting per accepted or scheduled request (each step's comment says
// how). The Mapping ties the problem's identifiers to the records.
func Build(ctx context.Context, r Records, eventID int64, opt BuildOptions) (*schedule.Problem, *Mapping, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, nil, err
	}
	w, err := read(ctx, r, eventID)
	if err != nil {
		return nil, nil, err
	}
	b := &builder{w: w, opt: opt, m: newMapping(w)}
	b.p = &schedule.Problem{
		Format:      schedule.ProblemFormat,
		Name:        w.event.NameEN,
		Timezone:    w.event.Timezone,
		Granularity: opt.Granularity,
		Windows:     []schedule.Interval{},
		Rooms:       []schedule.Room{},
		People:      []schedule.Person{},
		Meetings:    []schedule.Meeting{},
		Objective:   schedule.Objective{MovePenalty: opt.MovePenalty},
	}
	b.windows()
	b.sites()
	b.people()
	b.meetings()
	return b.p, b.m, nil
}

// windows opens one window per event day, from DayStart to DayEnd local.
func (b *builder) windows() {
	e := b.w.event
	first, _ := bilat.ParseDate(e.FirstDay)
	last, _ := bilat.ParseDate(e.LastDay)
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		b.p.Windows = append(b.p.Windows, schedule.Interval{Start: b.at(d, b.opt.DayStart), End: b.at(d, b.opt.DayEnd)})
	}
}

// at returns the wall-clock time of day on day d in the event's zone.
func (b *builder) at(d time.Time, since time.Duration) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, int(since/time.Minute), 0, 0, b.w.loc)
}

// sites lists the venues that have rooms, the travel between them (the
// longer of the two directions when they differ), and the rooms, each
// taken while a meeting held or missed there lasted.
func (b *builder) sites() {
	used := map[int64]bool{}
	for _, r := range b.w.rooms {
		used[r.VenueID] = true
	}
	travel := map[[2]int64]int{}
	for _, v := range b.w.venues {
		if !used[v.ID] {
			continue
		}
		b.p.Venues = append(b.p.Venues, schedule.Venue{ID: venueID(v.ID)})
		for _, t := range v.Travel {
			if used[t.VenueID] && t.VenueID != v.ID {
				pair := [2]int64{min(v.ID, t.VenueID), max(v.ID, t.VenueID)}
				travel[pair] = max(travel[pair], t.Minutes)
			}
		}
	}
	for _, pair := range slices.SortedFunc(maps.Keys(travel), comparePairs) {
		b.p.Travel = append(b.p.Travel, schedule.Travel{From: venueID(pair[0]), To: venueID(pair[1]), Minutes: travel[pair]})
	}
	for _, r := range b.w.rooms {
		room := schedule.Room{ID: RoomID(r.ID), Venue: venueID(r.VenueID), Capacity: ptr(r.Capacity), Features: slices.Clone(r.Features)}
		for _, s := range sorted(b.roomBusy(r.ID)) {
			room.Unavailable = append(room.Unavailable, schedule.Interval{Start: s.start, End: s.end})
		}
		b.p.Rooms = append(b.p.Rooms, room)
	}
}

// roomBusy returns the times meetings held or missed took room id.
func (b *builder) roomBusy(id int64) []span {
	var out []span
	for _, m := range b.w.meetings {
		if past(m) && m.RoomID == id {
			out = append(out, span{start: m.Start.In(b.w.loc), end: m.End.In(b.w.loc)})
		}
	}
	return out
}

// past reports whether a meeting took place (or was missed): its time is
// history, not a place the scheduler may change.
func past(m *bilat.Meeting) bool {
	return m.Status == bilat.StatusHeld || m.Status == bilat.StatusNoShow
}

func comparePairs(a, b [2]int64) int {
	return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
}

func ptr[T any](v T) *T { return &v }
