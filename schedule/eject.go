package schedule

import (
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
	var bestBlock []int
	bestLoss, found := 0.0, false
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
		block, ok := s.blockers(u, v, start, r)
		if !ok {
			continue
		}
		loss := -(vr.weight + mm.bonus(start))
		for _, b := range block {
			loss += s.worth(b)
		}
		if !found || loss < bestLoss {
			best, bestBlock, bestLoss, found = option{v: v, start: start, room: r}, block, loss, true
		}
	}
	return best, bestBlock, found
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
	mm := &s.m.meetings[u]
	sp := span{start, start + mm.dur}
	set := map[int]bool{}
	add := func(j int) bool {
		if j == u {
			return true
		}
		if s.m.meetings[j].fixed != nil {
			return false
		}
		set[j] = true
		return true
	}
	cal := s.room[r]
	k := sort.Search(len(cal), func(k int) bool { return s.at[cal[k]].start >= sp.e })
	for k--; k >= 0 && s.end(cal[k]) > sp.s; k-- {
		if !add(cal[k]) {
			return nil, false
		}
	}
	for _, p := range mm.variants[v].people {
		if !s.personBlockers(p, sp, r, add) {
			return nil, false
		}
	}
	for _, a := range mm.after {
		if s.at[a].v >= 0 && s.end(a) > sp.s && !add(a) {
			return nil, false
		}
	}
	for _, b := range mm.before {
		if s.at[b].v >= 0 && s.at[b].start < sp.e && !add(b) {
			return nil, false
		}
	}
	out := make([]int, 0, len(set))
	for j := range set {
		out = append(out, j)
	}
	slices.Sort(out)
	return out, true
}

// personBlockers adds person p's meetings too close to sp, and one more of
// that day when the per-day limit would be passed.
func (s *state) personBlockers(p int, sp span, r int, add func(int) bool) bool {
	per := &s.m.people[p]
	sameDay := 0
	d := s.m.day(sp.s)
	var lightest = -1
	for _, j := range s.person[p] {
		gapBefore := per.buffer + s.m.travelTime(s.at[j].room, r)
		gapAfter := per.buffer + s.m.travelTime(r, s.at[j].room)
		if s.at[j].start < sp.e+gapAfter && s.end(j)+gapBefore > sp.s {
			if !add(j) {
				return false
			}
			continue
		}
		if s.m.day(s.at[j].start) == d {
			sameDay++
			if s.m.meetings[j].fixed == nil && (lightest < 0 || s.worth(j) < s.worth(lightest)) {
				lightest = j
			}
		}
	}
	if per.maxPerDay >= 0 && sameDay >= per.maxPerDay {
		if lightest < 0 {
			return false
		}
		return add(lightest)
	}
	return true
}
