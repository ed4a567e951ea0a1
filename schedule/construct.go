package schedule

import (
	"math/rand/v2"
	"sort"
	"time"
)

// option is one way to place a meeting.
type option struct {
	v, start, room int
	gain           float64 // change of score if placed so
}

// best finds the best place for meeting i in the current state: the
// highest gain, then the earliest start. It returns ok false if nothing
// fits.
func (s *state) best(i int) (option, bool) {
	mm := &s.m.meetings[i]
	var out option
	found := false
	if mm.prev != nil {
		if o, ok := s.tryPrevious(i); ok {
			return o, true
		}
	}
	for v := range mm.variants {
		vr := &mm.variants[v]
		for k := 0; k < len(vr.starts); k++ {
			start := vr.starts[k]
			gain := vr.weight + mm.bonus(start)
			// Only a larger gain replaces the best, and break costs only
			// lower a gain.
			if found && gain <= out.gain {
				continue
			}
			// Skip the starts at which one of the people is still busy:
			// scanning them one by one was most of a search step.
			if t := s.peopleNext(i, v, start); t > start {
				k += sort.SearchInts(vr.starts[k:], t) - 1
				continue
			}
			if s.m.oneVenue && !s.peopleOpen(i, v, span{start, start + mm.dur}) {
				continue
			}
			r := s.freeRoom(i, v, start)
			if r < 0 {
				continue
			}
			gain -= s.breakCost(i, v, start, r)
			if !found || gain > out.gain {
				out, found = option{v, start, r, gain}, true
			}
		}
	}
	return out, found
}

// tryPrevious keeps a meeting where the schedule being repaired had it.
func (s *state) tryPrevious(i int) (option, bool) {
	mm := &s.m.meetings[i]
	for v := range mm.variants {
		vr := &mm.variants[v]
		if !containsInt(vr.rooms, mm.prev.room) || !containsSorted(vr.starts, mm.prev.start) {
			continue
		}
		if s.fits(i, v, mm.prev.start, mm.prev.room) {
			return option{v, mm.prev.start, mm.prev.room, vr.weight + s.m.movePen}, true
		}
	}
	return option{}, false
}

// freeRoom returns the first compatible room (smallest first) in which
// meeting i fits at start as variant v, or -1.
func (s *state) freeRoom(i, v, start int) int {
	mm := &s.m.meetings[i]
	if mm.fixed != nil && mm.fixed.room >= 0 {
		if containsInt(mm.variants[v].rooms, mm.fixed.room) && s.fits(i, v, start, mm.fixed.room) {
			return mm.fixed.room
		}
		return -1
	}
	sp := span{start, start + mm.dur}
	for _, r := range mm.variants[v].rooms {
		if s.m.oneVenue {
			if s.m.roomFree(r, sp) && s.roomOpen(r, sp, i) && s.orderHolds(i, sp) {
				return r
			}
		} else if s.fits(i, v, start, r) {
			return r
		}
	}
	return -1
}

// peopleNext returns the earliest minute from t at which every person of
// meeting i as variant v is clear of their other meetings and buffers for
// the meeting's duration, travel and daily limits aside: no start before it
// fits.
func (s *state) peopleNext(i, v, t int) int {
	mm := &s.m.meetings[i]
	people := mm.variants[v].people
	for {
		moved := false
		for _, p := range people {
			if n := s.personNext(p, t, mm.dur, i); n > t {
				t, moved = n, true
			}
		}
		if !moved {
			return t
		}
	}
}

// personNext returns the earliest minute from t at which person p can start
// a meeting of dur minutes as far as their other meetings (not self) and
// buffer go. A person's meetings do not overlap, so their ends are in
// order too.
func (s *state) personNext(p, t, dur, self int) int {
	cal := s.person[p]
	buf := s.m.people[p].buffer
	k := sort.Search(len(cal), func(k int) bool { return s.end(cal[k])+buf > t })
	for ; k < len(cal); k++ {
		j := cal[k]
		if j == self {
			continue
		}
		if s.at[j].start >= t+dur+buf {
			return t
		}
		t = s.end(j) + buf
	}
	return t
}

// peopleOpen checks meeting i's people at sp, travel aside.
func (s *state) peopleOpen(i, v int, sp span) bool {
	for _, p := range s.m.meetings[i].variants[v].people {
		if !s.personOpen(p, sp, -1, i) {
			return false
		}
	}
	return true
}

// breakCost estimates the breaks a placement adds, times the penalty.
func (s *state) breakCost(i, v, start, r int) float64 {
	if s.m.breakPen == 0 {
		return 0
	}
	added := 0
	mm := &s.m.meetings[i]
	for _, p := range mm.variants[v].people {
		added += s.breaksWith(p, i, start, r) - s.breaks[p]
	}
	return s.m.breakPen * float64(added)
}

// breaksWith counts person p's breaks if meeting i were at start in room r.
func (s *state) breaksWith(p, i, start, r int) int {
	saved := s.at[i]
	s.at[i] = place{v: 0, start: start, room: r}
	cal := insertSorted(append([]int(nil), s.person[p]...), i, s.at)
	orig := s.person[p]
	s.person[p] = cal
	n := s.personBreaks(p)
	s.person[p] = orig
	s.at[i] = saved
	return n
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func containsSorted(xs []int, x int) bool {
	k := sort.SearchInts(xs, x)
	return k < len(xs) && xs[k] == x
}

// order returns the meetings in construction order: fixed, then mandatory,
// then by value per minute, the most constrained first among equals. A
// random source, when given, breaks ties differently.
func (m *model) order(rng *rand.Rand) []int {
	idx := make([]int, len(m.meetings))
	key := make([]float64, len(m.meetings))
	for i := range idx {
		idx[i] = i
		mm := &m.meetings[i]
		k := mm.variants[0].weight / float64(mm.dur)
		for _, v := range mm.variants {
			k = max(k, v.weight/float64(mm.dur))
		}
		if rng != nil {
			k *= 1 + 0.3*rng.Float64()
		}
		key[i] = k
	}
	rank := func(i int) int {
		switch mm := &m.meetings[i]; {
		case mm.fixed != nil:
			return 0
		case mm.mandatory:
			return 1
		}
		return 2
	}
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if rank(i) != rank(j) {
			return rank(i) < rank(j)
		}
		if key[i] != key[j] {
			return key[i] > key[j]
		}
		return m.options(i) < m.options(j)
	})
	return idx
}

// options counts a meeting's static candidate starts.
func (m *model) options(i int) int {
	n := 0
	for _, v := range m.meetings[i].variants {
		n += len(v.starts) * len(v.rooms)
	}
	return n
}

// construct places meetings greedily in order; it is the floor the search
// improves on.
func (s *state) construct(order []int) {
	for _, i := range order {
		if s.at[i].v >= 0 {
			continue
		}
		if o, ok := s.best(i); ok {
			s.put(i, o.v, o.start, o.room)
		}
	}
}

// restarts builds the schedule again in a few shuffled orders (ties and
// near-ties broken at random) and returns the best of those and the
// greedy one, as the search's starting point. It is cheap where it helps
// most: on a desk of 60 meetings a build takes microseconds.
// It stops at the deadline, which keeps it to a small share of the time.
func (m *model) restarts(greedy *state, seed int64, deadline time.Time) *state {
	const builds = 24
	best := greedy
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	for k := 0; k < builds && time.Now().Before(deadline); k++ {
		s := newState(m)
		s.construct(m.order(rng))
		if s.objective() > best.objective()+1e-9 {
			best = s
		}
	}
	return best
}
