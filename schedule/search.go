package schedule

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// The improvement phase is a large-neighbourhood search. Each step either
// inserts a left-out meeting by ejecting the placed meetings in its way
// (then tries to put those back elsewhere), or ruins a small related group
// of meetings and recreates it greedily in a shuffled order. A step that
// does not lower the score is kept; a worse one is kept with a probability
// that falls over time (simulated annealing), and the best schedule seen
// is what the search returns.

// searcher runs one improvement search.
type searcher struct {
	s        *state
	rng      *rand.Rand
	best     []place
	bestVal  float64
	iter     int64
	deadline time.Time
	maxIter  int64
	temp0    float64
}

func newSearcher(s *state, seed uint64) *searcher {
	return &searcher{s: s, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), best: s.snapshot(), bestVal: s.objective()}
}

// objective is the score, with a large penalty per left-out mandatory
// meeting and per unit of excess break spread, so that the search first
// makes the schedule valid.
func (s *state) objective() float64 {
	v := s.score() - 1e6*float64(s.mandatoryOut)
	if s.m.spread >= 0 {
		v -= 1e4 * float64(s.spreadExcess())
	}
	return v
}

func (s *state) spreadExcess() int {
	lo, hi, any := 0, 0, false
	for p, cal := range s.person {
		if len(cal) == 0 {
			continue
		}
		b := s.breaks[p]
		if !any {
			lo, hi, any = b, b, true
		}
		lo, hi = min(lo, b), max(hi, b)
	}
	return max(0, hi-lo-s.m.spread)
}

// run improves the state until ctx ends, the deadline passes, the
// iteration budget is spent, or stop says the bound is reached.
func (sr *searcher) run(ctx context.Context, stop func(best float64) bool) {
	unplaced := sr.unplaced()
	if len(unplaced) == 0 && sr.s.m.breakPen == 0 && sr.s.m.movePen == 0 {
		return // everything is in and nothing else counts
	}
	sr.temp0 = sr.initialTemperature()
	for {
		if sr.maxIter > 0 && sr.iter >= sr.maxIter {
			return
		}
		if sr.iter%64 == 0 && (ctx.Err() != nil || (!sr.deadline.IsZero() && time.Now().After(sr.deadline)) || stop(sr.bestVal)) {
			return
		}
		sr.step()
		sr.iter++
	}
}

func (sr *searcher) initialTemperature() float64 {
	total := 0.0
	for i := range sr.s.m.meetings {
		total += sr.s.m.meetings[i].variants[0].weight
	}
	// 1.2% of the mean weight: worse steps are rare, equal ones always
	// taken. Measured after the steps got 7 times cheaper (medians; desk-90
	// at 1 s over seeds 1..14, summit and fair at 10 s over seeds 1..3):
	// 5% gave desk-90 413, summit 4050, fair 1434.58; 2.5% gave 414, 4052,
	// 1434.98; 1.2% gave 414, 4053, 1435.82.
	return 0.012 * total / float64(max(1, len(sr.s.m.meetings)))
}

// temperature falls linearly over the iteration budget or the time left.
func (sr *searcher) temperature() float64 {
	frac := 0.0
	if sr.maxIter > 0 {
		frac = float64(sr.iter) / float64(sr.maxIter)
	}
	return sr.temp0 * math.Max(0.001, 1-frac) * math.Exp(-float64(sr.iter%20000)/4000)
}

func (sr *searcher) step() {
	before := sr.s.objective()
	sr.s.begin()
	if sr.rng.IntN(3) > 0 {
		if !sr.ejectInsert() {
			sr.ruinRecreate()
		}
	} else {
		sr.ruinRecreate()
	}
	after := sr.s.objective()
	sr.s.logging = false
	if after+1e-9 >= before || sr.rng.Float64() < math.Exp((after-before)/math.Max(sr.temperature(), 1e-9)) {
		if after > sr.bestVal+1e-9 {
			sr.bestVal, sr.best = after, sr.s.snapshot()
		}
		return
	}
	sr.s.undo()
}

func (sr *searcher) unplaced() []int {
	var out []int
	for i := range sr.s.at {
		if sr.s.at[i].v < 0 {
			out = append(out, i)
		}
	}
	return out
}

// ejectInsert takes a left-out meeting and places it where the meetings in
// its way are worth least, then tries to put those back.
func (sr *searcher) ejectInsert() bool {
	unplaced := sr.unplaced()
	if len(unplaced) == 0 {
		return false
	}
	u := sr.pickUnplaced(unplaced)
	o, blockers, ok := sr.s.cheapestEjection(u, sr.rng)
	if !ok {
		return false
	}
	for _, b := range blockers {
		sr.s.take(b)
	}
	if !sr.s.fits(u, o.v, o.start, o.room) {
		return true // the caller's acceptance test restores
	}
	sr.s.put(u, o.v, o.start, o.room)
	sr.reinsert(blockers)
	return true
}

// pickUnplaced favours mandatory meetings, then heavy ones.
func (sr *searcher) pickUnplaced(unplaced []int) int {
	for _, i := range unplaced {
		if sr.s.m.meetings[i].mandatory && sr.rng.IntN(2) == 0 {
			return i
		}
	}
	a := unplaced[sr.rng.IntN(len(unplaced))]
	b := unplaced[sr.rng.IntN(len(unplaced))]
	if sr.s.m.meetings[b].variants[0].weight > sr.s.m.meetings[a].variants[0].weight {
		return b
	}
	return a
}

// reinsert puts meetings back where they fit best, heaviest first.
func (sr *searcher) reinsert(ms []int) {
	sr.rng.Shuffle(len(ms), func(a, b int) { ms[a], ms[b] = ms[b], ms[a] })
	for _, i := range ms {
		if sr.s.at[i].v >= 0 {
			continue // listed twice
		}
		if o, ok := sr.s.best(i); ok {
			sr.s.put(i, o.v, o.start, o.room)
		}
	}
}

// ruinRecreate removes a related group of meetings (sharing a person or a
// room with a random one, near it in time) and rebuilds greedily,
// together with some left-out meetings.
func (sr *searcher) ruinRecreate() {
	s := sr.s
	placed := make([]int, 0, 16)
	seed := sr.rng.IntN(len(s.at))
	if s.at[seed].v < 0 {
		if o, ok := s.best(seed); ok {
			s.put(seed, o.v, o.start, o.room)
		}
		return
	}
	group := s.related(seed, 2+sr.rng.IntN(6), sr.rng)
	for _, g := range group {
		if s.m.meetings[g].fixed == nil {
			s.take(g)
			placed = append(placed, g)
		}
	}
	others := sr.unplaced()
	sr.rng.Shuffle(len(others), func(a, b int) { others[a], others[b] = others[b], others[a] })
	// Three left-out meetings join each rebuild: more cost time for little
	// (summit in 10 s, median of 3 seeds: 4033 with 3, 4028 with 8).
	if len(others) > 3 {
		others = others[:3]
	}
	sr.reinsert(append(placed, others...))
}

// related returns meeting i and up to n-1 placed meetings that share a
// person or a room with it, drawn from those nearest to it in time.
func (s *state) related(i, n int, rng *rand.Rand) []int {
	pl := s.at[i]
	if len(s.mark) != len(s.at) {
		s.mark = make([]uint32, len(s.at))
	}
	if s.marked++; s.marked == 0 { // wrapped: old marks would match
		clear(s.mark)
		s.marked = 1
	}
	s.mark[i] = s.marked
	var near []int
	add := func(cal []int) {
		for _, j := range cal {
			if s.mark[j] != s.marked {
				s.mark[j] = s.marked
				near = append(near, j)
			}
		}
	}
	add(s.room[pl.room])
	for _, p := range s.m.meetings[i].variants[pl.v].people {
		add(s.person[p])
	}
	dist := func(j int) int { return abs(s.at[j].start - pl.start) }
	slices.SortFunc(near, func(a, b int) int {
		if c := cmp.Compare(dist(a), dist(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	near = near[:min(len(near), 2*n)]
	rng.Shuffle(len(near), func(a, b int) { near[a], near[b] = near[b], near[a] })
	return append([]int{i}, near[:min(len(near), n-1)]...)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
