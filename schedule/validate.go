package schedule

import (
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // problems name IANA zones, which must load on machines without a zoneinfo database

	"bilat"
)

// Validate reports everything that makes p break the bilat-problem/1
// specification, all at once, as an EINVALID *bilat.Error whose problems
// name each place by its path, such as meetings[17].attendees[1]. A valid
// problem may still be infeasible: that is for the solver to find.
func (p *Problem) Validate() error {
	v := &validator{p: p, errs: bilat.NewProblems("")}
	v.header()
	v.windows()
	v.venues()
	v.rooms()
	v.people()
	v.meetings()
	v.afterCycles()
	v.previous()
	v.objective()
	return v.errs.Err("problem")
}

// validator checks one problem. The id sets map each id to the index of
// its first holder.
type validator struct {
	p                            *Problem
	errs                         bilat.Problems
	venueIDs, roomIDs, personIDs map[string]int
	meetingIDs                   map[string]int
}

func (v *validator) header() {
	p := v.p
	v.errs.Check(p.Format == ProblemFormat, "format", "must be %q, not %q", ProblemFormat, p.Format)
	switch {
	case strings.TrimSpace(p.Timezone) == "":
		v.errs.Add("timezone", "is required, an IANA zone such as \"Africa/Casablanca\"")
	case p.Timezone == "Local":
		v.errs.Add("timezone", "must be an IANA zone such as \"Africa/Casablanca\", not the machine's Local")
	default:
		_, err := time.LoadLocation(p.Timezone)
		v.errs.Check(err == nil, "timezone", "unknown time zone %q", p.Timezone)
	}
	v.errs.Check(p.Granularity >= 0, "granularity_minutes", "must be a positive number of minutes")
}

// windows checks each window and that no two overlap.
func (v *validator) windows() {
	ws := v.p.Windows
	v.errs.Check(len(ws) > 0, "windows", "at least one window is required")
	var order []int
	for i, w := range ws {
		if checkInterval(v.errs.Index("windows", i), w.Start, w.End) {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return ws[a].Start.Compare(ws[b].Start) })
	// Sorted by start, a window overlaps an earlier one exactly when it
	// starts before the latest end so far.
	for k, last := 1, -1; k < len(order); k++ {
		if prev := order[k-1]; last < 0 || ws[prev].End.After(ws[last].End) {
			last = prev
		}
		if i := order[k]; ws[i].Start.Before(ws[last].End) {
			v.errs.Index("windows", i).Add("", "overlaps windows[%d]", last)
		}
	}
}

// checkInterval checks that a period has both ends and starts before it
// ends, and reports whether it does.
func checkInterval(at bilat.Problems, start, end time.Time) bool {
	at.Check(!start.IsZero(), "start", "is required")
	at.Check(!end.IsZero(), "end", "is required")
	if start.IsZero() || end.IsZero() {
		return false
	}
	at.Check(start.Before(end), "end", "must be after start (%s)", start.Format(time.RFC3339))
	return start.Before(end)
}

// ids checks that each of the n elements of list has an id, unique in the
// list, and returns the ids with the index of their first holder.
func (v *validator) ids(list string, n int, id func(int) string) map[string]int {
	seen := make(map[string]int, n)
	for i := range n {
		at, s := v.errs.Index(list, i), id(i)
		if strings.TrimSpace(s) == "" {
			at.Add("id", "is required")
		} else if j, dup := seen[s]; dup {
			at.Add("id", "%q is also the id of %s[%d]", s, list, j)
		} else {
			seen[s] = i
		}
	}
	return seen
}

// ref checks that field names an id of set; what says what kind of thing.
func ref(at bilat.Problems, field, id, what string, set map[string]int) bool {
	if strings.TrimSpace(id) == "" {
		at.Add(field, "is required")
		return false
	}
	_, ok := set[id]
	at.Check(ok, field, "unknown %s %q", what, id)
	return ok
}

// venues checks the venues and the travel times between them.
func (v *validator) venues() {
	p := v.p
	v.venueIDs = v.ids("venues", len(p.Venues), func(i int) string { return p.Venues[i].ID })
	first := make(map[[2]string]int)
	for i, t := range p.Travel {
		at := v.errs.Index("travel", i)
		okFrom := ref(at, "from", t.From, "venue", v.venueIDs)
		okTo := ref(at, "to", t.To, "venue", v.venueIDs)
		at.Check(t.Minutes >= 0, "minutes", "must not be negative")
		switch {
		case !okFrom || !okTo || t.Minutes < 0:
		case t.From == t.To:
			at.Check(t.Minutes == 0, "minutes", "must be 0 within one venue")
		default:
			k := venuePair(t.From, t.To)
			j, seen := first[k]
			if !seen {
				first[k] = i
			} else if p.Travel[j].Minutes != t.Minutes {
				at.Add("minutes", "is %d, but travel[%d] gives %d minutes between %q and %q", t.Minutes, j, p.Travel[j].Minutes, t.From, t.To)
			}
		}
	}
}

// venuePair is the key of the travel between two venues, either way.
func venuePair(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// rooms checks the rooms and, with two or more venues, that every pair of
// venues with rooms has a travel time.
func (v *validator) rooms() {
	p := v.p
	v.roomIDs = v.ids("rooms", len(p.Rooms), func(i int) string { return p.Rooms[i].ID })
	used := make(map[string]bool)
	for i, r := range p.Rooms {
		at := v.errs.Index("rooms", i)
		switch _, known := v.venueIDs[r.Venue]; {
		case r.Venue == "" && len(p.Venues) >= 2:
			at.Add("venue", "is required when there are two or more venues")
		case r.Venue != "" && !known:
			at.Add("venue", "unknown venue %q", r.Venue)
		case r.Venue != "":
			used[r.Venue] = true
		}
		if r.Capacity == nil {
			at.Add("capacity", "is required")
		} else {
			at.Check(*r.Capacity >= 1, "capacity", "must be at least 1")
		}
		for k, u := range r.Unavailable {
			checkInterval(at.Index("unavailable", k), u.Start, u.End)
		}
	}
	v.travelComplete(used)
}

// travelComplete checks that every two venues with rooms have a travel time.
func (v *validator) travelComplete(used map[string]bool) {
	if len(v.p.Venues) < 2 {
		return
	}
	given := make(map[[2]string]bool)
	for _, t := range v.p.Travel {
		given[venuePair(t.From, t.To)] = true
	}
	var names []string
	for i, ve := range v.p.Venues {
		if used[ve.ID] && v.venueIDs[ve.ID] == i {
			names = append(names, ve.ID)
		}
	}
	for i, a := range names {
		for _, b := range names[i+1:] {
			v.errs.Check(given[venuePair(a, b)], "travel", "no travel time between %q and %q, which both have rooms", a, b)
		}
	}
}

func (v *validator) people() {
	p := v.p
	v.personIDs = v.ids("people", len(p.People), func(i int) string { return p.People[i].ID })
	for i, pe := range p.People {
		at := v.errs.Index("people", i)
		at.Check(pe.BufferMinutes >= 0, "buffer_minutes", "must not be negative")
		if pe.MaxMeetingsPerDay != nil {
			at.Check(*pe.MaxMeetingsPerDay >= 0, "max_meetings_per_day", "must not be negative")
		}
		for k, u := range pe.Unavailable {
			checkInterval(at.Index("unavailable", k), u.Start, u.End)
		}
	}
}

func (v *validator) meetings() {
	p := v.p
	v.meetingIDs = v.ids("meetings", len(p.Meetings), func(i int) string { return p.Meetings[i].ID })
	for i := range p.Meetings {
		m := &p.Meetings[i]
		at := v.errs.Index("meetings", i)
		v.meetingBasics(at, m)
		v.meetingPlace(at, m)
		v.meetingAfter(at, i, m)
		v.alternatives(at, m)
		v.fixed(at, m)
		v.preferred(at, m)
	}
}

// meetingBasics checks the duration, the people and the weight.
func (v *validator) meetingBasics(at bilat.Problems, m *Meeting) {
	switch {
	case m.DurationMinutes == 0:
		at.Add("duration_minutes", "is required, a positive number of minutes")
	case m.DurationMinutes < 0:
		at.Add("duration_minutes", "must be a positive number of minutes")
	}
	at.Check(len(m.Attendees) > 0 || len(m.Alternatives) > 0, "attendees", "at least one attendee is required unless the meeting has alternatives")
	v.personList(at, m.Attendees)
	if m.Weight != nil {
		at.Check(*m.Weight > 0, "weight", "must be a positive number")
	}
}

// personList checks that a list of attendees names known people, each once.
func (v *validator) personList(at bilat.Problems, ids []string) {
	first := make(map[string]int, len(ids))
	for k, id := range ids {
		pat := at.Index("attendees", k)
		if !ref(pat, "", id, "person", v.personIDs) {
			continue
		}
		if j, dup := first[id]; dup {
			pat.Add("", "%q is also attendees[%d]", id, j)
		} else {
			first[id] = k
		}
	}
}

// meetingPlace checks when and where the meeting may be held.
func (v *validator) meetingPlace(at bilat.Problems, m *Meeting) {
	if m.Earliest != nil && m.Latest != nil {
		span := m.Latest.Sub(*m.Earliest)
		switch {
		case span <= 0:
			at.Add("latest", "must be after earliest (%s)", m.Earliest.Format(time.RFC3339))
		case m.DurationMinutes > 0 && int64(span/time.Minute) < int64(m.DurationMinutes):
			at.Add("latest", "leaves %d minutes after earliest, less than the meeting's %d", int64(span/time.Minute), m.DurationMinutes)
		}
	}
	for k, r := range m.Rooms {
		ref(at.Index("rooms", k), "", r, "room", v.roomIDs)
	}
	if m.MinCapacity != nil {
		at.Check(*m.MinCapacity >= 1, "min_capacity", "must be at least 1")
	}
}

// meetingAfter checks that the meetings this one follows exist.
func (v *validator) meetingAfter(at bilat.Problems, i int, m *Meeting) {
	for k, id := range m.After {
		aat := at.Index("after", k)
		if ref(aat, "", id, "meeting", v.meetingIDs) {
			aat.Check(v.meetingIDs[id] != i, "", "a meeting cannot follow itself")
		}
	}
}

func (v *validator) alternatives(at bilat.Problems, m *Meeting) {
	for k, a := range m.Alternatives {
		aat := at.Index("alternatives", k)
		aat.Check(len(a.Attendees) > 0, "attendees", "at least one person is required")
		v.personList(aat, a.Attendees)
		for j, id := range a.Attendees {
			aat.Index("attendees", j).Check(!slices.Contains(m.Attendees, id), "", "%q is already an attendee of the meeting", id)
		}
		if a.Weight != nil {
			aat.Check(*a.Weight >= 0, "weight", "must not be negative")
		}
	}
}

func (v *validator) fixed(at bilat.Problems, m *Meeting) {
	f := m.Fixed
	if f == nil {
		return
	}
	fat := at.At("fixed")
	fat.Check(!f.Start.IsZero(), "start", "is required")
	if f.Room != "" {
		ref(fat, "room", f.Room, "room", v.roomIDs)
	}
	switch n := len(m.Alternatives); {
	case f.Alternative == nil:
	case n == 0:
		fat.Add("alternative", "is given, but the meeting has no alternatives")
	case *f.Alternative < 0 || *f.Alternative >= n:
		fat.Add("alternative", "must be the index of one of the %d alternatives, from 0 to %d", n, n-1)
	}
}

func (v *validator) preferred(at bilat.Problems, m *Meeting) {
	for k, pr := range m.Preferred {
		pat := at.Index("preferred", k)
		checkInterval(pat, pr.Start, pr.End)
		pat.Check(pr.Bonus >= 0, "bonus", "must not be negative")
	}
}

// afterCycles reports each cycle of after orders, which no schedule holding
// all its meetings could keep.
func (v *validator) afterCycles() {
	ms := v.p.Meetings
	const (
		unseen = iota
		open
		done
	)
	state := make([]int8, len(ms))
	var path []int
	var visit func(i int)
	visit = func(i int) {
		state[i] = open
		path = append(path, i)
		for k, id := range ms[i].After {
			j, ok := v.meetingIDs[id]
			switch {
			case !ok || j == i:
			case state[j] == open:
				v.errs.Index("meetings", i).Index("after", k).Add("", "closes a cycle: %s", v.cycle(path, j))
			case state[j] == unseen:
				visit(j)
			}
		}
		path = path[:len(path)-1]
		state[i] = done
	}
	for i := range ms {
		if state[i] == unseen {
			visit(i)
		}
	}
}

// cycle names the meetings of path from j on, back to j.
func (v *validator) cycle(path []int, j int) string {
	from := slices.Index(path, j)
	names := make([]string, 0, len(path)-from+1)
	for _, i := range path[from:] {
		names = append(names, strconv.Quote(v.p.Meetings[i].ID))
	}
	names = append(names, strconv.Quote(v.p.Meetings[j].ID))
	return strings.Join(names, " after ")
}

func (v *validator) previous() {
	first := make(map[string]int)
	for i, pl := range v.p.Previous {
		at := v.errs.Index("previous", i)
		if ref(at, "meeting", pl.Meeting, "meeting", v.meetingIDs) {
			if j, dup := first[pl.Meeting]; dup {
				at.Add("meeting", "%q is also previous[%d]", pl.Meeting, j)
			} else {
				first[pl.Meeting] = i
			}
		}
		at.Check(!pl.Start.IsZero(), "start", "is required")
		ref(at, "room", pl.Room, "room", v.roomIDs)
	}
}

func (v *validator) objective() {
	o, at := v.p.Objective, v.errs.At("objective")
	at.Check(o.MovePenalty >= 0, "move_penalty", "must not be negative")
	at.Check(o.BreakPenalty >= 0, "break_penalty", "must not be negative")
	if o.MaxBreakSpread != nil {
		at.Check(*o.MaxBreakSpread >= 0, "max_break_spread", "must not be negative")
	}
}

// Validate reports what makes s break the form of bilat-schedule/1, as an
// EINVALID *bilat.Error. Whether its placements fit a problem is Check's
// work.
func (s *Schedule) Validate() error {
	errs := bilat.NewProblems("")
	errs.Check(s.Format == ScheduleFormat, "format", "must be %q, not %q", ScheduleFormat, s.Format)
	for i, a := range s.Assignments {
		at := errs.Index("assignments", i)
		at.Required(a.Meeting, "meeting")
		at.Check(!a.Start.IsZero(), "start", "is required")
		at.Required(a.Room, "room")
		if a.Alternative != nil {
			at.Check(*a.Alternative >= 0, "alternative", "must not be negative")
		}
	}
	for i, u := range s.Unscheduled {
		errs.Index("unscheduled", i).Required(u.Meeting, "meeting")
	}
	return errs.Err("schedule")
}
