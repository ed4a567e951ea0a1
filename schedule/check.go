package schedule

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
)

// The checker is written from the specification alone and shares nothing
// with the solver, so that each can catch the other's mistakes. It favours
// plain code over speed, but keeps each person's and each room's meetings
// in lists sorted by start so that 50,000 meetings take moments.

// Violation is one broken hard constraint of a schedule.
type Violation struct {
	Rule     int      // the hard constraint, 1 to 9 as numbered in the specification
	Meetings []string // the meetings involved, if any
	Message  string   // what is wrong, for a person
}

// Report is what Check finds in a schedule: the hard constraints it breaks,
// and its score with the terms of the score.
type Report struct {
	Violations []Violation
	// Score is the specification's score, computed even when the schedule
	// breaks hard constraints.
	Score float64
	// ScheduledWeight is the sum of the weights of the meetings held, an
	// alternative's weight for a meeting held with an alternative.
	ScheduledWeight float64
	Moved           int            // meetings of the problem's previous schedule moved or left out
	Breaks          int            // breaks of all people
	BreaksByPerson  map[string]int // breaks of each person with at least one meeting
}

// Valid reports whether the schedule keeps every hard constraint.
func (r Report) Valid() bool { return len(r.Violations) == 0 }

// Check checks s against p, which must be valid, for every hard constraint
// of the specification, and computes its score. It reports every violation
// it finds, ordered by rule; the meetings and rooms s names that p does not
// know are violations, not errors.
func Check(p *Problem, s *Schedule) Report {
	c := newChecker(p)
	c.assignments(s)
	c.required()
	for _, h := range c.held {
		c.timing(h)
		c.room(h)
		c.after(h)
	}
	c.roomOverlaps()
	c.personRules()
	c.breakSpread()
	slices.SortStableFunc(c.violations, func(a, b Violation) int { return cmp.Compare(a.Rule, b.Rule) })
	r := Report{Violations: c.violations}
	c.score(&r)
	return r
}

// checker holds what Check needs while it checks one schedule.
type checker struct {
	p        *Problem
	loc      *time.Location
	grid     time.Duration
	windows  []Interval     // sorted by start
	meetings map[string]int // meeting id → index in p.Meetings
	rooms    map[string]*Room
	people   map[string]*Person
	travel   map[[2]string]int // venue pair → minutes
	held     []*heldMeeting    // in the order of the assignments
	byIndex  []*heldMeeting    // by index in p.Meetings; nil when not held
	breaks   map[string]int    // person id → breaks
	unsched  map[string]int    // meeting id → times listed as unscheduled
	assigned map[string][]int  // meeting id → indices of its assignments

	violations []Violation
}

// heldMeeting is a meeting as the schedule holds it.
type heldMeeting struct {
	m          *Meeting
	a          *Assignment
	start, end time.Time
	room       *Room        // nil when the room is unknown
	alt        *Alternative // the alternative held; nil for none or a wrong index
	people     []string     // attendees plus the alternative's people
	day        localDay
}

// localDay is a day in the problem's time zone.
type localDay struct {
	year  int
	month time.Month
	day   int
}

func (d localDay) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day) }

func newChecker(p *Problem) *checker {
	c := &checker{
		p:        p,
		loc:      p.Location(),
		grid:     minutesOf(p.GranularityOr5()),
		windows:  slices.Clone(p.Windows),
		meetings: make(map[string]int, len(p.Meetings)),
		rooms:    make(map[string]*Room, len(p.Rooms)),
		people:   make(map[string]*Person, len(p.People)),
		travel:   make(map[[2]string]int, len(p.Travel)),
		byIndex:  make([]*heldMeeting, len(p.Meetings)),
		breaks:   make(map[string]int),
		unsched:  make(map[string]int),
		assigned: make(map[string][]int),
	}
	slices.SortFunc(c.windows, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	for i := range p.Meetings {
		if _, dup := c.meetings[p.Meetings[i].ID]; !dup {
			c.meetings[p.Meetings[i].ID] = i
		}
	}
	for i := range p.Rooms {
		c.rooms[p.Rooms[i].ID] = &p.Rooms[i]
	}
	for i := range p.People {
		c.people[p.People[i].ID] = &p.People[i]
	}
	for _, t := range p.Travel {
		c.travel[venuePair(t.From, t.To)] = t.Minutes
	}
	return c
}

// violate records a violation of rule by the meetings ids.
func (c *checker) violate(rule int, ids []string, format string, args ...any) {
	c.violations = append(c.violations, Violation{Rule: rule, Meetings: ids, Message: fmt.Sprintf(format, args...)})
}

// at formats a time for a message, in the problem's zone.
func (c *checker) at(t time.Time) string {
	t = t.In(c.loc)
	if t.Second() != 0 || t.Nanosecond() != 0 {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04")
}

// period formats [start, end) for a message, the end's day left out when
// it is the start's.
func (c *checker) period(start, end time.Time) string {
	s, e := c.at(start), c.at(end)
	if day, rest, ok := strings.Cut(e, " "); ok && strings.HasPrefix(s, day+" ") {
		e = rest
	}
	return s + "–" + e
}

// span formats when a held meeting takes place.
func (c *checker) span(h *heldMeeting) string { return c.period(h.start, h.end) }

// minutesOf returns the sum of whole minutes as a duration, saturating
// rather than overflowing for the absurdly large.
func minutesOf(ns ...int) time.Duration {
	const most = math.MaxInt64 / int64(time.Minute)
	var sum int64
	for _, n := range ns {
		sum = min(sum+min(int64(n), most), most)
	}
	return time.Duration(sum) * time.Minute
}

// assignments reads the assignments and the unscheduled list: rule 1 for
// unknown meetings, meetings listed more than once, and alternative
// indices. The first assignment of each known meeting is the one held.
func (c *checker) assignments(s *Schedule) {
	for i := range s.Assignments {
		a := &s.Assignments[i]
		k, ok := c.meetings[a.Meeting]
		if !ok {
			c.violate(1, []string{a.Meeting}, "assignments[%d] names %q, which is not a meeting of the problem", i, a.Meeting)
			continue
		}
		c.assigned[a.Meeting] = append(c.assigned[a.Meeting], i)
		if c.byIndex[k] == nil {
			c.hold(&c.p.Meetings[k], a, k)
		}
	}
	for i, u := range s.Unscheduled {
		if _, ok := c.meetings[u.Meeting]; !ok {
			c.violate(1, []string{u.Meeting}, "unscheduled[%d] names %q, which is not a meeting of the problem", i, u.Meeting)
			continue
		}
		c.unsched[u.Meeting]++
	}
	for _, m := range c.p.Meetings {
		c.appearances(m.ID)
	}
}

// appearances applies rule 1's "at most once" to the meeting id.
func (c *checker) appearances(id string) {
	n, u := len(c.assigned[id]), c.unsched[id]
	if n > 1 {
		c.violate(1, []string{id}, "%q is assigned %d times (assignments %v)", id, n, c.assigned[id])
	}
	if n > 0 && u > 0 {
		c.violate(1, []string{id}, "%q is both assigned and listed as unscheduled", id)
	}
	if u > 1 {
		c.violate(1, []string{id}, "%q is listed as unscheduled %d times", id, u)
	}
}

// hold records meeting m as held by assignment a, checking its alternative
// index (rule 1).
func (c *checker) hold(m *Meeting, a *Assignment, k int) {
	h := &heldMeeting{m: m, a: a, start: a.Start, end: a.Start.Add(minutesOf(m.DurationMinutes)), room: c.rooms[a.Room]}
	y, mo, d := a.Start.In(c.loc).Date()
	h.day = localDay{y, mo, d}
	switch n := len(m.Alternatives); {
	case n == 0 && a.Alternative != nil:
		c.violate(1, []string{m.ID}, "%q has no alternatives, but its assignment names alternative %d", m.ID, *a.Alternative)
	case n > 0 && a.Alternative == nil:
		c.violate(1, []string{m.ID}, "%q has alternatives, but its assignment names none", m.ID)
	case n > 0 && (*a.Alternative < 0 || *a.Alternative >= n):
		c.violate(1, []string{m.ID}, "%q has %d alternatives, but its assignment names alternative %d", m.ID, n, *a.Alternative)
	case n > 0:
		h.alt = &m.Alternatives[*a.Alternative]
	}
	h.people = slices.Clone(m.Attendees)
	if h.alt != nil {
		h.people = append(h.people, h.alt.Attendees...)
	}
	c.held = append(c.held, h)
	c.byIndex[k] = h
}

// required applies rule 1 to mandatory and fixed meetings.
func (c *checker) required() {
	for k := range c.p.Meetings {
		m, h := &c.p.Meetings[k], c.byIndex[k]
		switch {
		case h == nil && m.Fixed != nil:
			c.violate(1, []string{m.ID}, "fixed meeting %q is not scheduled", m.ID)
		case h == nil && m.Mandatory:
			c.violate(1, []string{m.ID}, "mandatory meeting %q is not scheduled", m.ID)
		case h != nil && m.Fixed != nil:
			c.pinned(h, m.Fixed)
		}
	}
}

// pinned checks that a fixed meeting is held exactly as pinned.
func (c *checker) pinned(h *heldMeeting, f *Fixed) {
	id := h.m.ID
	if !h.start.Equal(f.Start) {
		c.violate(1, []string{id}, "fixed meeting %q starts at %s, not at %s as pinned", id, c.at(h.start), c.at(f.Start))
	}
	if f.Room != "" && h.a.Room != f.Room {
		c.violate(1, []string{id}, "fixed meeting %q is in room %q, not in %q as pinned", id, h.a.Room, f.Room)
	}
	if f.Alternative != nil && (h.a.Alternative == nil || *h.a.Alternative != *f.Alternative) {
		c.violate(1, []string{id}, "fixed meeting %q is not held with alternative %d as pinned", id, *f.Alternative)
	}
}

// timing applies rule 2: on the grid of the window that wholly holds the
// meeting, and within earliest and latest.
func (c *checker) timing(h *heldMeeting) {
	id := h.m.ID
	// The last window starting at or before the meeting is the only one
	// that may hold it, since windows do not overlap.
	i, found := slices.BinarySearchFunc(c.windows, h.start, func(w Interval, t time.Time) int { return w.Start.Compare(t) })
	if !found {
		i--
	}
	switch {
	case i < 0 || h.end.After(c.windows[i].End):
		c.violate(2, []string{id}, "%q (%s) does not lie wholly inside a window", id, c.span(h))
	case h.start.Sub(c.windows[i].Start)%c.grid != 0:
		c.violate(2, []string{id}, "%q starts at %s, off the %d-minute grid of the window starting %s", id, c.at(h.start), c.grid/time.Minute, c.at(c.windows[i].Start))
	}
	if e := h.m.Earliest; e != nil && h.start.Before(*e) {
		c.violate(2, []string{id}, "%q starts at %s, before its earliest %s", id, c.at(h.start), c.at(*e))
	}
	if l := h.m.Latest; l != nil && h.end.After(*l) {
		c.violate(2, []string{id}, "%q ends at %s, after its latest %s", id, c.at(h.end), c.at(*l))
	}
}

// room applies rule 3: the room exists, is allowed, is big enough, has the
// features and is available.
func (c *checker) room(h *heldMeeting) {
	id, r := h.m.ID, h.room
	if r == nil {
		c.violate(3, []string{id}, "%q is in room %q, which is not a room of the problem", id, h.a.Room)
		return
	}
	if len(h.m.Rooms) > 0 && !slices.Contains(h.m.Rooms, r.ID) {
		c.violate(3, []string{id}, "%q is in room %q, not one of its rooms %s", id, r.ID, strings.Join(h.m.Rooms, ", "))
	}
	need := len(h.people)
	if h.m.MinCapacity != nil {
		need = *h.m.MinCapacity
	}
	if r.Capacity != nil && *r.Capacity < need {
		c.violate(3, []string{id}, "%q needs %d seats, room %q has %d", id, need, r.ID, *r.Capacity)
	}
	var missing []string
	for _, f := range h.m.Features {
		if !slices.Contains(r.Features, f) {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		c.violate(3, []string{id}, "%q needs %s, which room %q lacks", id, strings.Join(missing, ", "), r.ID)
	}
	for _, u := range r.Unavailable {
		if u.Start.Before(h.end) && h.start.Before(u.End) {
			c.violate(3, []string{id}, "room %q is unavailable %s, during %q (%s)", r.ID, c.period(u.Start, u.End), id, c.span(h))
		}
	}
}

// after applies rule 8: the meetings this one follows, when held, end
// before it starts.
func (c *checker) after(h *heldMeeting) {
	for _, id := range h.m.After {
		k, ok := c.meetings[id]
		if !ok {
			continue
		}
		if b := c.byIndex[k]; b != nil && b.end.After(h.start) {
			c.violate(8, []string{id, h.m.ID}, "%q (%s) must end before %q starts at %s", id, c.span(b), h.m.ID, c.at(h.start))
		}
	}
}

// sortHeld sorts held meetings by start, then end, then id.
func sortHeld(list []*heldMeeting) {
	slices.SortFunc(list, func(a, b *heldMeeting) int {
		return cmp.Or(a.start.Compare(b.start), a.end.Compare(b.end), cmp.Compare(a.m.ID, b.m.ID))
	})
}

// eachOverlap calls f for each meeting of list, sorted by start, that starts
// before an earlier one ends, with the earlier one that ends last. Every
// meeting that overlaps another is named at least once.
func eachOverlap(list []*heldMeeting, f func(earlier, later *heldMeeting)) {
	var last *heldMeeting
	for _, h := range list {
		if last != nil && h.start.Before(last.end) {
			f(last, h)
		}
		if last == nil || h.end.After(last.end) {
			last = h
		}
	}
}

// roomOverlaps applies rule 4: no two meetings at once in one room.
func (c *checker) roomOverlaps() {
	byRoom := make(map[string][]*heldMeeting)
	for _, h := range c.held {
		if h.room != nil {
			byRoom[h.room.ID] = append(byRoom[h.room.ID], h)
		}
	}
	for _, r := range slices.Sorted(maps.Keys(byRoom)) {
		list := byRoom[r]
		sortHeld(list)
		eachOverlap(list, func(a, b *heldMeeting) {
			c.violate(4, []string{a.m.ID, b.m.ID}, "room %q holds %q (%s) and %q (%s) at once", r, a.m.ID, c.span(a), b.m.ID, c.span(b))
		})
	}
}

// personRules applies rules 5, 6 and 7 to each person's meetings, and counts
// their breaks.
func (c *checker) personRules() {
	byPerson := make(map[string][]*heldMeeting)
	for _, h := range c.held {
		for _, id := range h.people {
			byPerson[id] = append(byPerson[id], h)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(byPerson)) {
		list := byPerson[id]
		sortHeld(list)
		c.spacing(id, list)
		c.unavailable(id, list)
		c.perDay(id, list)
		c.breaks[id] = c.countBreaks(id, list)
	}
}

// between returns the minutes person id needs between a meeting in room a
// and the next in room b: their buffer plus the travel.
func (c *checker) between(id string, a, b *heldMeeting) (buffer, travel int) {
	if pe := c.people[id]; pe != nil {
		buffer = pe.BufferMinutes
	}
	if a.room != nil && b.room != nil {
		// A room without a venue is in the one venue of the problem.
		va, vb := a.room.Venue, b.room.Venue
		if va != vb && va != "" && vb != "" {
			travel = c.travel[venuePair(va, vb)]
		}
	}
	return buffer, travel
}

// spacing applies rule 5 to one person's meetings, sorted by start: none
// at once, and between consecutive ones their buffer and the travel.
func (c *checker) spacing(id string, list []*heldMeeting) {
	eachOverlap(list, func(a, b *heldMeeting) {
		c.violate(5, []string{a.m.ID, b.m.ID}, "%q is in %q (%s) and %q (%s) at once", id, a.m.ID, c.span(a), b.m.ID, c.span(b))
	})
	for i := 1; i < len(list); i++ {
		a, b := list[i-1], list[i]
		if b.start.Before(a.end) {
			continue // an overlap, reported above
		}
		buffer, travel := c.between(id, a, b)
		if need := minutesOf(buffer, travel); b.start.Sub(a.end) < need {
			c.violate(5, []string{a.m.ID, b.m.ID}, "%q needs %d minutes (buffer %d, travel %d) between %q ending %s and %q starting %s",
				id, need/time.Minute, buffer, travel, a.m.ID, c.at(a.end), b.m.ID, c.at(b.start))
		}
	}
}

// unavailable applies rule 6: no meeting while one of its people is
// unavailable.
func (c *checker) unavailable(id string, list []*heldMeeting) {
	pe := c.people[id]
	if pe == nil {
		return
	}
	for _, h := range list {
		for _, u := range pe.Unavailable {
			if u.Start.Before(h.end) && h.start.Before(u.End) {
				c.violate(6, []string{h.m.ID}, "%q is unavailable %s%s, during %q (%s)", id, c.period(u.Start, u.End), unavailableReason(u.Reason), h.m.ID, c.span(h))
			}
		}
	}
}

// unavailableReason returns " (why)" for a message, or nothing.
func unavailableReason(r string) string {
	if r == "" {
		return ""
	}
	return " (" + r + ")"
}

// perDay applies rule 7: at most max_meetings_per_day on each local day.
func (c *checker) perDay(id string, list []*heldMeeting) {
	pe := c.people[id]
	if pe == nil || pe.MaxMeetingsPerDay == nil {
		return
	}
	limit := *pe.MaxMeetingsPerDay
	for i := 0; i < len(list); {
		j := i
		for j < len(list) && list[j].day == list[i].day {
			j++
		}
		if j-i > limit {
			ids := make([]string, 0, j-i)
			for _, h := range list[i:j] {
				ids = append(ids, h.m.ID)
			}
			c.violate(7, ids, "%q has %d meetings on %s, more than their limit of %d", id, j-i, list[i].day, limit)
		}
		i = j
	}
}

// breakSpread applies rule 9: max breaks − min breaks over the people with
// a meeting is at most max_break_spread.
func (c *checker) breakSpread() {
	limit := c.p.Objective.MaxBreakSpread
	if limit == nil || len(c.breaks) == 0 {
		return
	}
	ids := slices.Sorted(maps.Keys(c.breaks))
	most := slices.MaxFunc(ids, func(a, b string) int { return cmp.Compare(c.breaks[a], c.breaks[b]) })
	least := slices.MinFunc(ids, func(a, b string) int { return cmp.Compare(c.breaks[a], c.breaks[b]) })
	if spread := c.breaks[most] - c.breaks[least]; spread > *limit {
		c.violate(9, nil, "breaks range from %d (%q) to %d (%q), a spread of %d, more than %d",
			c.breaks[least], least, c.breaks[most], most, spread, *limit)
	}
}
