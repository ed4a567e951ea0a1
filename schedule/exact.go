package schedule

import (
	"context"
	"math"
	"sort"
	"time"
)

// The exact mode is a branch and bound over the time-indexed relaxation.
// With the relaxation's best prices λ held fixed, every decision about a
// meeting (left out, or placed as one variant at one start) lowers the
// relaxation's value by a known amount: its best reduced value minus the
// reduced value of the choice. The value minus the decisions made so far
// bounds every completion (weak duality), so a branch is cut as soon as
// that falls to the best score known. A search that finishes without
// running out of time has proven its best schedule optimal.

// exactLimit bounds the size of the problems tried exactly.
const exactLimit = 200

// provable reports whether the exact mode applies to the problem.
func (m *model) provable() bool {
	return len(m.meetings) <= exactLimit && m.breakPen == 0 && m.movePen == 0 && m.spread < 0
}

// prover runs the branch and bound.
type prover struct {
	s        *state
	rx       *relaxation
	order    []int
	maxRed   []float64          // best reduced value of each meeting, at least 0
	red      map[[3]int]float64 // meeting, variant, start → reduced value
	step     float64            // 1 when scores are whole numbers, else tiny
	best     []place
	bestVal  float64
	deadline time.Time
	nodes    int64
	timedOut bool
}

// prove searches exactly from an empty schedule for one better than best.
// It returns the best schedule known and whether it is proven optimal.
func (m *model) prove(ctx context.Context, rx *relaxation, best *state, deadline time.Time) (*state, bool) {
	if rx == nil || rx.lambda == nil || !m.provable() {
		return best, false
	}
	pv := &prover{s: newState(m), rx: rx, best: best.snapshot(), bestVal: best.score(), deadline: deadline, step: 1e-6}
	if m.integral() {
		pv.step = 1
	}
	pv.prepare()
	pv.search(ctx, 0, 0)
	if pv.timedOut {
		return best, false
	}
	out := newState(m)
	out.restore(pv.best)
	return out, true
}

// prepare prices every item and orders the meetings, most valuable first.
func (pv *prover) prepare() {
	m := pv.s.m
	pv.maxRed = make([]float64, len(m.meetings))
	pv.red = map[[3]int]float64{}
	for i, items := range pv.rx.byMtg {
		for _, k := range items {
			it := &pv.rx.items[k]
			r := it.value
			for _, u := range it.use {
				r -= pv.rx.lambda[u.res] * u.amount
			}
			pv.red[[3]int{i, it.v, it.at}] = r
			pv.maxRed[i] = math.Max(pv.maxRed[i], r)
		}
	}
	pv.order = make([]int, len(m.meetings))
	for i := range pv.order {
		pv.order[i] = i
	}
	sort.SliceStable(pv.order, func(a, b int) bool { return pv.maxRed[pv.order[a]] > pv.maxRed[pv.order[b]] })
}

// choice is one decision about a meeting and what it costs the bound.
type choice struct {
	v, start, room int
	cost           float64
}

// search decides meeting order[k] onwards, with the bound lowered by cost.
func (pv *prover) search(ctx context.Context, k int, cost float64) {
	if pv.timedOut {
		return
	}
	if pv.nodes++; pv.nodes%1024 == 0 && (time.Now().After(pv.deadline) || ctx.Err() != nil) {
		pv.timedOut = true
		return
	}
	if pv.rx.best-cost < pv.bestVal+pv.step-1e-9 {
		return // nothing below can beat the best known
	}
	if k == len(pv.order) {
		if v := pv.s.score(); v > pv.bestVal+1e-9 && pv.s.mandatoryOut == 0 {
			pv.bestVal, pv.best = v, pv.s.snapshot()
		}
		return
	}
	i := pv.order[k]
	for _, c := range pv.choices(i) {
		pv.s.put(i, c.v, c.start, c.room)
		pv.search(ctx, k+1, cost+c.cost)
		pv.s.take(i)
	}
	if !pv.s.m.meetings[i].mandatory {
		pv.search(ctx, k+1, cost+pv.maxRed[i])
	}
}

// choices lists the placements of meeting i that fit now, cheapest first.
// Rooms that are alike in every respect (see roomKind) would give the same
// subtree, so only the first free one of each kind is tried.
func (pv *prover) choices(i int) []choice {
	s := pv.s
	mm := &s.m.meetings[i]
	var out []choice
	for v := range mm.variants {
		vr := &mm.variants[v]
		for _, st := range vr.starts {
			red, ok := pv.red[[3]int{i, v, st}]
			if !ok {
				continue
			}
			seen := map[int]bool{}
			for _, r := range vr.rooms {
				kind := s.m.roomKind[r]
				if seen[kind] || !s.fits(i, v, st, r) {
					continue
				}
				if mm.fixed != nil && mm.fixed.room >= 0 && r != mm.fixed.room {
					continue
				}
				seen[kind] = true
				out = append(out, choice{v, st, r, pv.maxRed[i] - red})
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].cost < out[b].cost })
	return out
}
