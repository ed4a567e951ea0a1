package schedule

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// The solver works on a compiled model: times are whole minutes from the
// start of the first window, people, rooms and meetings are indices, and
// every static constraint (windows, grid, earliest and latest, room
// compatibility, unavailability of rooms and people) is folded into each
// meeting's list of candidate starts and rooms.

// span is a half-open period of minutes [s, e).
type span struct{ s, e int }

func (a span) overlaps(b span) bool { return a.s < b.e && b.s < a.e }

type mRoom struct {
	id       string
	venue    int
	capacity int
	features map[string]bool
	off      []span
}

type mPerson struct {
	id        string
	party     string
	buffer    int
	maxPerDay int // -1: no limit
	off       []span
	reasons   []string // reason of each off span
}

// variant is one way to hold a meeting: its people, value and the starts
// and rooms where it can go as far as static constraints tell.
type variant struct {
	alt    int // index of the alternative, -1 for a meeting without any
	people []int
	weight float64
	rooms  []int // compatible rooms, smallest capacity first
	starts []int // candidate starts, ascending
}

type mMeeting struct {
	id        string
	dur       int
	mandatory bool
	variants  []variant
	after     []int // meetings that must end before this one starts
	before    []int // meetings that must start after this one ends
	fixed     *fixedAt
	preferred []mPref
	prev      *placeAt
}

type fixedAt struct {
	start, room, alt int // room and alt -1 when free
}

type placeAt struct{ start, room int }

type mPref struct {
	span
	bonus float64
}

// model is a compiled, validated problem.
type model struct {
	p         *Problem
	base      time.Time // minute 0
	loc       *time.Location
	gran      int
	windows   []span
	rooms     []mRoom
	people    []mPerson
	meetings  []mMeeting
	travel    [][]int // minutes between venues
	dayStarts []int   // minute of each local midnight from the first day on
	movePen   float64
	breakPen  float64
	spread    int // -1: no limit on the spread of breaks
	byID      map[string]int
	roomLists map[string][]int // shared lists of compatible rooms
	oneVenue  bool             // all rooms in one venue: travel never counts
	maxTravel int              // the longest travel between two rooms
	roomKind  []int            // the first room identical to each room
}

func (m *model) minute(t time.Time) int { return int(t.Sub(m.base) / time.Minute) }

func (m *model) time(min int) time.Time {
	return m.base.Add(time.Duration(min) * time.Minute).In(m.loc)
}

// day returns the index of the local day holding minute t.
func (m *model) day(t int) int {
	return sort.Search(len(m.dayStarts), func(i int) bool { return m.dayStarts[i] > t }) - 1
}

func (m *model) travelTime(roomA, roomB int) int {
	if roomA < 0 || roomB < 0 || m.oneVenue {
		return 0
	}
	return m.travel[m.rooms[roomA].venue][m.rooms[roomB].venue]
}

// compile turns a validated problem into the solver's model.
func compile(p *Problem) *model {
	m := &model{p: p, loc: p.Location(), gran: p.GranularityOr5(), byID: map[string]int{}, spread: -1, roomLists: map[string][]int{}}
	m.base = p.Windows[0].Start
	for _, w := range p.Windows {
		if w.Start.Before(m.base) {
			m.base = w.Start
		}
	}
	for _, w := range p.Windows {
		m.windows = append(m.windows, span{m.minute(w.Start), m.minute(w.End)})
	}
	sort.Slice(m.windows, func(i, j int) bool { return m.windows[i].s < m.windows[j].s })
	m.compileDays()
	venues := m.compileVenues()
	m.compileRooms(venues)
	m.oneVenue = true
	for _, r := range m.rooms {
		m.oneVenue = m.oneVenue && r.venue == m.rooms[0].venue
	}
	for a := range m.rooms {
		for b := range m.rooms {
			m.maxTravel = max(m.maxTravel, m.travelTime(a, b))
		}
	}
	m.compileRoomKinds()
	people := m.compilePeople()
	m.compileMeetings(people)
	m.movePen, m.breakPen = p.Objective.MovePenalty, p.Objective.BreakPenalty
	if p.Objective.MaxBreakSpread != nil {
		m.spread = *p.Objective.MaxBreakSpread
	}
	return m
}

func (m *model) compileDays() {
	first := m.windows[0].s
	last := m.windows[len(m.windows)-1].e
	t := m.time(first)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, m.loc)
	for {
		min := m.minute(day)
		if min >= last {
			break
		}
		m.dayStarts = append(m.dayStarts, min)
		day = day.AddDate(0, 0, 1)
	}
}

func (m *model) compileVenues() map[string]int {
	venues := map[string]int{"": 0}
	for i, v := range m.p.Venues {
		venues[v.ID] = i + 1
	}
	n := len(m.p.Venues) + 1
	m.travel = make([][]int, n)
	for i := range m.travel {
		m.travel[i] = make([]int, n)
	}
	for _, t := range m.p.Travel {
		a, b := venues[t.From], venues[t.To]
		m.travel[a][b], m.travel[b][a] = t.Minutes, t.Minutes
	}
	return venues
}

func (m *model) compileRooms(venues map[string]int) {
	for _, r := range m.p.Rooms {
		mr := mRoom{id: r.ID, venue: venues[r.Venue], capacity: *r.Capacity, features: map[string]bool{}}
		for _, f := range r.Features {
			mr.features[f] = true
		}
		for _, u := range r.Unavailable {
			mr.off = append(mr.off, span{m.minute(u.Start), m.minute(u.End)})
		}
		m.rooms = append(m.rooms, mr)
	}
}

// compileRoomKinds groups rooms that are alike in capacity, venue,
// features and unavailability; which one of them a meeting takes does not
// matter. Rooms a problem names (in rooms, fixed or previous) are kept apart.
func (m *model) compileRoomKinds() {
	named := map[string]bool{}
	for _, pm := range m.p.Meetings {
		for _, r := range pm.Rooms {
			named[r] = true
		}
		if pm.Fixed != nil {
			named[pm.Fixed.Room] = true
		}
	}
	for _, pl := range m.p.Previous {
		named[pl.Room] = true
	}
	first := map[string]int{}
	m.roomKind = make([]int, len(m.rooms))
	for i, r := range m.rooms {
		feats := make([]string, 0, len(r.features))
		for f := range r.features {
			feats = append(feats, f)
		}
		sort.Strings(feats)
		key := fmt.Sprint(r.capacity, r.venue, feats, r.off)
		if named[r.id] {
			key = "named " + r.id
		}
		if k, ok := first[key]; ok {
			m.roomKind[i] = k
		} else {
			first[key], m.roomKind[i] = i, i
		}
	}
}

func (m *model) compilePeople() map[string]int {
	people := map[string]int{}
	for i, p := range m.p.People {
		people[p.ID] = i
		mp := mPerson{id: p.ID, party: p.Party, buffer: p.BufferMinutes, maxPerDay: -1}
		if p.MaxMeetingsPerDay != nil {
			mp.maxPerDay = *p.MaxMeetingsPerDay
		}
		for _, u := range p.Unavailable {
			mp.off = append(mp.off, span{m.minute(u.Start), m.minute(u.End)})
			mp.reasons = append(mp.reasons, u.Reason)
		}
		m.people = append(m.people, mp)
	}
	return people
}

func (m *model) compileMeetings(people map[string]int) {
	for i, pm := range m.p.Meetings {
		m.byID[pm.ID] = i
	}
	rooms := map[string]int{}
	for i, r := range m.rooms {
		rooms[r.id] = i
	}
	for i := range m.p.Meetings {
		m.meetings = append(m.meetings, m.compileMeeting(&m.p.Meetings[i], people, rooms))
	}
	for i := range m.meetings {
		for _, a := range m.meetings[i].after {
			m.meetings[a].before = append(m.meetings[a].before, i)
		}
	}
	for _, pl := range m.p.Previous {
		i := m.byID[pl.Meeting]
		m.meetings[i].prev = &placeAt{start: m.minute(pl.Start), room: rooms[pl.Room]}
	}
}

func (m *model) compileMeeting(pm *Meeting, people, rooms map[string]int) mMeeting {
	mm := mMeeting{id: pm.ID, dur: pm.DurationMinutes, mandatory: pm.Mandatory || pm.Fixed != nil}
	for _, a := range pm.After {
		mm.after = append(mm.after, m.byID[a])
	}
	for _, pr := range pm.Preferred {
		mm.preferred = append(mm.preferred, mPref{span{m.minute(pr.Start), m.minute(pr.End)}, pr.Bonus})
	}
	if pm.Fixed != nil {
		mm.fixed = &fixedAt{start: m.minute(pm.Fixed.Start), room: -1, alt: -1}
		if pm.Fixed.Room != "" {
			mm.fixed.room = rooms[pm.Fixed.Room]
		}
		if pm.Fixed.Alternative != nil {
			mm.fixed.alt = *pm.Fixed.Alternative
		}
	}
	base := ids(people, pm.Attendees)
	if len(pm.Alternatives) == 0 {
		mm.variants = []variant{m.newVariant(pm, &mm, -1, base, pm.WeightOr1(), rooms)}
		return mm
	}
	for a, alt := range pm.Alternatives {
		ps := append(append([]int{}, base...), ids(people, alt.Attendees)...)
		mm.variants = append(mm.variants, m.newVariant(pm, &mm, a, ps, alt.WeightOr(pm.WeightOr1()), rooms))
	}
	return mm
}

func ids(index map[string]int, names []string) []int {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = index[n]
	}
	return out
}

func (m *model) newVariant(pm *Meeting, mm *mMeeting, alt int, people []int, weight float64, rooms map[string]int) variant {
	v := variant{alt: alt, people: people, weight: weight}
	if mm.fixed != nil && mm.fixed.alt >= 0 && mm.fixed.alt != alt {
		return v // a pinned alternative excludes the others
	}
	v.rooms = m.compatibleRooms(pm, len(people), rooms)
	v.starts = m.candidateStarts(pm, mm, people)
	return v
}

// compatibleRooms lists the rooms a meeting of n people may use, smallest
// capacity first so that large rooms stay free for large meetings. Equal
// lists are shared: on a fair of 50,000 meetings and hundreds of tables,
// one list per meeting would take hundreds of megabytes.
func (m *model) compatibleRooms(pm *Meeting, n int, rooms map[string]int) []int {
	need := n
	if pm.MinCapacity != nil {
		need = *pm.MinCapacity
	}
	key := fmt.Sprint(need, pm.Features, pm.Rooms)
	if list, ok := m.roomLists[key]; ok {
		return list
	}
	list := m.findRooms(pm, need, rooms)
	m.roomLists[key] = list
	return list
}

// findRooms lists the rooms with need seats, the meeting's features, and
// among the rooms it allows.
func (m *model) findRooms(pm *Meeting, need int, rooms map[string]int) []int {
	allowed := map[int]bool{}
	for _, r := range pm.Rooms {
		allowed[rooms[r]] = true
	}
	var out []int
	for i, r := range m.rooms {
		if (len(pm.Rooms) > 0 && !allowed[i]) || r.capacity < need || !hasAll(r.features, pm.Features) {
			continue
		}
		out = append(out, i)
	}
	sort.SliceStable(out, func(a, b int) bool { return m.rooms[out[a]].capacity < m.rooms[out[b]].capacity })
	return out
}

func hasAll(have map[string]bool, want []string) bool {
	for _, f := range want {
		if !have[f] {
			return false
		}
	}
	return true
}

// candidateStarts lists the grid starts that fit a window, the meeting's
// earliest and latest, and every attendee's availability.
func (m *model) candidateStarts(pm *Meeting, mm *mMeeting, people []int) []int {
	lo, hi := math.MinInt, math.MaxInt
	if pm.Earliest != nil {
		lo = m.minute(*pm.Earliest)
	}
	if pm.Latest != nil {
		hi = m.minute(*pm.Latest)
	}
	var out []int
	for _, w := range m.windows {
		for s := w.s; s+mm.dur <= w.e; s += m.gran {
			if s < lo || s+mm.dur > hi || (mm.fixed != nil && s != mm.fixed.start) {
				continue
			}
			if m.peopleFree(people, span{s, s + mm.dur}) {
				out = append(out, s)
			}
		}
	}
	return out
}

func (m *model) peopleFree(people []int, sp span) bool {
	for _, p := range people {
		for _, off := range m.people[p].off {
			if off.overlaps(sp) {
				return false
			}
		}
	}
	return true
}

// roomFree reports whether room r is usable during sp as far as its own
// unavailability goes.
func (m *model) roomFree(r int, sp span) bool {
	for _, off := range m.rooms[r].off {
		if off.overlaps(sp) {
			return false
		}
	}
	return true
}

// bonus returns the largest preferred bonus that applies to a meeting at s.
func (mm *mMeeting) bonus(s int) float64 {
	best := 0.0
	for _, p := range mm.preferred {
		if s >= p.s && s+mm.dur <= p.e && p.bonus > best {
			best = p.bonus
		}
	}
	return best
}
