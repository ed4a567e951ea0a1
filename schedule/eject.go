package schedule

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// cheapestEjection finds, for left-out meeting u, the placement whose
// blocking meetings are worth least among a random sample of its options
// (sampling beat a full scan in measurements: more, cheaper steps).
// Fixed meetings are never ejected.
func (s *state) cheapestEjection(u int, rng *rand.Rand) (option, []int, bool) {
	mm := &s.m.meetings[u]
	var best option
	bestLoss, found := 0.0, false
	s.bestBlock = s.bestBlock[:0]
	const samples = 48
	for k := 0; k < samples; k++ {
		v := rng.IntN(len(mm.variants))
		vr := &mm.variants[v]
		if len(vr.starts) == 0 || len(vr.rooms) == 0 {
			continue
		}
		start := vr.starts[rng.IntN(len(vr.starts))]
		rooms := s.roomChoices(u, v)
		r := rooms[rng.IntN(len(rooms))]
		if !s.m.roomFree(r, span{start, start + mm.dur}) {
			continue
		}
		gain := vr.weight + mm.bonus(start)
		// A sample whose blockers are worth bestLoss+gain or more cannot
		// win: the count stops there (a fifth of a step on desk-90).
		limit := math.Inf(1)
		if found {
			limit = bestLoss + gain
		}
		block, worth, ok := s.blockersUpTo(u, v, start, r, limit, s.block[:0])
		s.block = block
		if !ok {
			continue
		}
		if loss := worth - gain; !found || loss < bestLoss {
			best, bestLoss, found = option{v: v, start: start, room: r}, loss, true
			s.block, s.bestBlock = s.bestBlock, block
		}
	}
	if !found {
		return best, nil, false
	}
	out := slices.Clone(s.bestBlock)
	slices.Sort(out)
	return best, out, true
}

// roomChoices returns the rooms to try for an ejection: the pinned one, or
// the compatible ones.
func (s *state) roomChoices(u, v int) []int {
	mm := &s.m.meetings[u]
	if mm.fixed != nil && mm.fixed.room >= 0 {
		return []int{mm.fixed.room}
	}
	return mm.variants[v].rooms
}

// worth is what a placed meeting contributes, mandatory ones counting
// as much as the search's penalty for leaving them out.
func (s *state) worth(i int) float64 {
	mm := &s.m.meetings[i]
	w := mm.variants[s.at[i].v].weight + mm.bonus(s.at[i].start)
	if mm.mandatory {
		w += 1e6 // the search's price for leaving a mandatory meeting out
	}
	return w
}

// blockers lists the placed meetings that stand in the way of meeting u
// at start in room r as variant v; ok is false when a fixed meeting does.
func (s *state) blockers(u, v, start, r int) ([]int, bool) {
	out, _, ok := s.blockersUpTo(u, v, start, r, math.Inf(1), nil)
	slices.Sort(out)
	return out, ok
}

// blockersUpTo appends to out, once each, the placed meetings in the way
// of meeting u at start in room r as variant v, and returns their worth.
// ok is false when a fixed meeting is in the way or the worth reaches
// limit.
func (s *state) blockersUpTo(u, v, start, r int, limit float64, out []int) ([]int, float64, bool) {
	mm := &s.m.meetings[u]
	sp := span{start, start + mm.dur}
	worth := 0.0
	add := func(j int) bool {
		if j == u || slices.Contains(out, j) {
			return true
		}
		if s.m.meetings[j].fixed != nil {
			return false
		}
		out = append(out, j)
		worth += s.worth(j)
		return worth < limit
	}
	cal := s.room[r]
	k := sort.Search(len(cal), func(k int) bool { return s.at[cal[k]].start >= sp.e })
	for k--; k >= 0 && s.end(cal[k]) > sp.s; k-- {
		if !add(cal[k]) {
			return out, worth, false
		}
	}
	for _, p := range mm.variants[v].people {
		if !s.personBlockers(p, sp, r, add) {
			return out, worth, false
		}
	}
	for _, a := range mm.after {
		if s.at[a].v >= 0 && s.end(a) > sp.s && !add(a) {
			return out, worth, false
		}
	}
	for _, b := range mm.before {
		if s.at[b].v >= 0 && s.at[b].start < sp.e && !add(b) {
			return out, worth, false
		}
	}
	return out, worth, true
}

// personBlockers adds person p's meetings too close to sp, and one more of
// that day when the per-day limit would be passed. It looks only at the
// meetings near sp, and at the day's others when the limit is reached:
// scanning the whole calendar of a host with 50 meetings was a third of a
// search step on the desk problems.
func (s *state) personBlockers(p int, sp span, r int, add func(int) bool) bool {
	per := &s.m.people[p]
	cal := s.person[p]
	reach := per.buffer + s.m.maxTravel
	conflicts := func(j int) bool {
		gapBefore := per.buffer + s.m.travelTime(s.at[j].room, r)
		gapAfter := per.buffer + s.m.travelTime(r, s.at[j].room)
		return s.at[j].start < sp.e+gapAfter && s.end(j)+gapBefore > sp.s
	}
	d := s.m.day(sp.s)
	onDay := 0 // conflicting meetings on day d, which the limit no longer counts
	k := sort.Search(len(cal), func(k int) bool { return s.end(cal[k])+reach > sp.s })
	for ; k < len(cal) && s.at[cal[k]].start < sp.e+reach; k++ {
		j := cal[k]
		if !conflicts(j) {
			continue
		}
		if !add(j) {
			return false
		}
		if s.m.day(s.at[j].start) == d {
			onDay++
		}
	}
	if per.maxPerDay < 0 || s.perDay[p*s.days+d]-onDay < per.maxPerDay {
		return true
	}
	lightest := -1
	lo := sort.Search(len(cal), func(k int) bool { return s.at[cal[k]].start >= s.m.dayStarts[d] })
	for k := lo; k < len(cal) && s.m.day(s.at[cal[k]].start) == d; k++ {
		j := cal[k]
		if conflicts(j) {
			continue
		}
		if s.m.meetings[j].fixed == nil && (lightest < 0 || s.worth(j) < s.worth(lightest)) {
			lightest = j
		}
	}
	if lightest < 0 {
		return false
	}
	return add(lightest)
}
