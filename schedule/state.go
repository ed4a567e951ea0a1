package schedule

import "sort"

// place is where a meeting stands: variant -1 means unscheduled.
type place struct {
	v, start, room int
}

// state is a schedule under construction with the calendars that make
// feasibility checks cheap: each person's and room's meetings sorted by
// start, and each person's count per local day.
type state struct {
	m       *model
	at      []place
	person  [][]int // meeting indices by start
	room    [][]int
	perDay  []int // person × day
	days    int
	value   float64 // Σ weight + bonus of placed meetings
	moved   int
	breaks  []int // per person
	nBreaks int
	// mandatoryOut counts mandatory meetings left out.
	mandatoryOut int
	// log records changes while logging, so a search step can be undone.
	log     []change
	logging bool
	// block and bestBlock are cheapestEjection's buffers; mark and marked
	// are related's.
	block, bestBlock []int
	mark             []uint32
	marked           uint32
}

// change is one put (was.v < 0) or take of a meeting.
type change struct {
	i   int
	was place
}

func newState(m *model) *state {
	s := &state{m: m, at: make([]place, len(m.meetings)), person: make([][]int, len(m.people)),
		room: make([][]int, len(m.rooms)), days: len(m.dayStarts), breaks: make([]int, len(m.people))}
	s.perDay = make([]int, len(m.people)*max(s.days, 1))
	for i := range s.at {
		s.at[i] = place{v: -1}
	}
	for _, mm := range m.meetings {
		if mm.prev != nil {
			s.moved++ // counted as moved until placed exactly where it was
		}
		if mm.mandatory {
			s.mandatoryOut++
		}
	}
	return s
}

// score is the objective of the current schedule.
func (s *state) score() float64 {
	return s.value - s.m.movePen*float64(s.moved) - s.m.breakPen*float64(s.nBreaks)
}

func (s *state) end(i int) int { return s.at[i].start + s.m.meetings[i].dur }

// fits reports whether meeting i can be placed as variant v at start in
// room r without breaking a hard constraint against what is placed.
func (s *state) fits(i, v, start, r int) bool {
	mm := &s.m.meetings[i]
	sp := span{start, start + mm.dur}
	if !s.m.roomFree(r, sp) || !s.roomOpen(r, sp, i) {
		return false
	}
	for _, p := range mm.variants[v].people {
		if !s.personOpen(p, sp, r, i) {
			return false
		}
	}
	return s.orderHolds(i, sp)
}

// roomOpen reports whether no other meeting uses room r during sp.
func (s *state) roomOpen(r int, sp span, self int) bool {
	cal := s.room[r]
	k := sort.Search(len(cal), func(k int) bool { return s.at[cal[k]].start >= sp.e })
	for k--; k >= 0; k-- {
		j := cal[k]
		if j == self {
			continue
		}
		if s.end(j) > sp.s {
			return false
		}
		return true
	}
	return true
}

// personOpen checks person p's neighbours (with buffer and travel) and
// per-day limit for a meeting at sp in room r.
func (s *state) personOpen(p int, sp span, r, self int) bool {
	per := &s.m.people[p]
	if per.maxPerDay >= 0 {
		d := s.m.day(sp.s)
		n := s.perDay[p*s.days+d]
		if s.at[self].v >= 0 && s.m.day(s.at[self].start) == d {
			n--
		}
		if n >= per.maxPerDay {
			return false
		}
	}
	cal := s.person[p]
	k := sort.Search(len(cal), func(k int) bool { return s.at[cal[k]].start >= sp.s })
	if prev := s.neighbour(cal, k-1, -1, self); prev >= 0 {
		if s.end(prev)+per.buffer+s.m.travelTime(s.at[prev].room, r) > sp.s {
			return false
		}
	}
	if next := s.neighbour(cal, k, +1, self); next >= 0 {
		if sp.e+per.buffer+s.m.travelTime(r, s.at[next].room) > s.at[next].start {
			return false
		}
	}
	return true
}

// neighbour returns the first meeting from position k in direction dir
// that is not self, or -1.
func (s *state) neighbour(cal []int, k, dir, self int) int {
	for ; k >= 0 && k < len(cal); k += dir {
		if cal[k] != self {
			return cal[k]
		}
	}
	return -1
}

// orderHolds checks the meeting's after constraints against placed ones.
func (s *state) orderHolds(i int, sp span) bool {
	mm := &s.m.meetings[i]
	for _, a := range mm.after {
		if s.at[a].v >= 0 && s.end(a) > sp.s {
			return false
		}
	}
	for _, b := range mm.before {
		if s.at[b].v >= 0 && s.at[b].start < sp.e {
			return false
		}
	}
	return true
}

// put places meeting i; the caller has checked that it fits.
func (s *state) put(i, v, start, r int) {
	if s.logging {
		s.log = append(s.log, change{i: i, was: place{v: -1}})
	}
	s.at[i] = place{v: v, start: start, room: r}
	mm := &s.m.meetings[i]
	if mm.mandatory {
		s.mandatoryOut--
	}
	s.value += mm.variants[v].weight + mm.bonus(start)
	if mm.prev != nil && mm.prev.start == start && mm.prev.room == r {
		s.moved--
	}
	s.room[r] = insertSorted(s.room[r], i, s.at)
	d := s.m.day(start)
	for _, p := range mm.variants[v].people {
		s.person[p] = insertSorted(s.person[p], i, s.at)
		s.perDay[p*s.days+d]++
		s.recountBreaks(p)
	}
}

// take removes meeting i from the schedule.
func (s *state) take(i int) {
	pl := s.at[i]
	if pl.v < 0 {
		return
	}
	if s.logging {
		s.log = append(s.log, change{i: i, was: pl})
	}
	mm := &s.m.meetings[i]
	if mm.mandatory {
		s.mandatoryOut++
	}
	s.value -= mm.variants[pl.v].weight + mm.bonus(pl.start)
	if mm.prev != nil && mm.prev.start == pl.start && mm.prev.room == pl.room {
		s.moved++
	}
	s.room[pl.room] = remove(s.room[pl.room], i)
	d := s.m.day(pl.start)
	s.at[i] = place{v: -1}
	for _, p := range mm.variants[pl.v].people {
		s.person[p] = remove(s.person[p], i)
		s.perDay[p*s.days+d]--
		s.recountBreaks(p)
	}
}

func insertSorted(cal []int, i int, at []place) []int {
	k := sort.Search(len(cal), func(k int) bool { return at[cal[k]].start > at[i].start })
	cal = append(cal, 0)
	copy(cal[k+1:], cal[k:])
	cal[k] = i
	return cal
}

func remove(cal []int, i int) []int {
	for k, j := range cal {
		if j == i {
			return append(cal[:k], cal[k+1:]...)
		}
	}
	return cal
}

// recountBreaks recomputes person p's breaks when breaks matter.
func (s *state) recountBreaks(p int) {
	if s.m.breakPen == 0 && s.m.spread < 0 {
		return
	}
	n := s.personBreaks(p)
	s.nBreaks += n - s.breaks[p]
	s.breaks[p] = n
}

// personBreaks counts the idle gaps of person p, between consecutive
// meetings on one local day, longer than buffer plus travel.
func (s *state) personBreaks(p int) int {
	cal := s.person[p]
	buf := s.m.people[p].buffer
	n := 0
	for k := 1; k < len(cal); k++ {
		a, b := cal[k-1], cal[k]
		if s.m.day(s.at[a].start) != s.m.day(s.at[b].start) {
			continue
		}
		if s.at[b].start-s.end(a) > buf+s.m.travelTime(s.at[a].room, s.at[b].room) {
			n++
		}
	}
	return n
}

// spreadOK reports whether the breaks spread limit holds.
func (s *state) spreadOK() bool {
	return s.m.spread < 0 || s.spreadExcess() == 0
}

// begin starts recording changes for undo.
func (s *state) begin() {
	s.log, s.logging = s.log[:0], true
}

// undo reverts every change since begin.
func (s *state) undo() {
	s.logging = false
	for k := len(s.log) - 1; k >= 0; k-- {
		c := s.log[k]
		if c.was.v < 0 {
			s.take(c.i)
		} else {
			s.put(c.i, c.was.v, c.was.start, c.was.room)
		}
	}
	s.log = s.log[:0]
}

// snapshot copies the placements; restore rebuilds the calendars.
func (s *state) snapshot() []place { return append([]place(nil), s.at...) }

// restore rebuilds the state from a snapshot.
func (s *state) restore(at []place) {
	for i := range s.at {
		if s.at[i].v >= 0 && s.at[i] != at[i] {
			s.take(i)
		}
	}
	for i, pl := range at {
		if pl.v >= 0 && s.at[i].v < 0 {
			s.put(i, pl.v, pl.start, pl.room)
		}
	}
}
