package lp

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"
)

// item is a variable's span of minutes [s, e): its meeting, or its
// meeting followed by the person's buffer.
type item struct{ s, e, v int }

// addRows adds every constraint of the model.
func (b *builder) addRows() error {
	perMeeting := b.meetingRows()
	b.roomRows()
	for p := range b.p.People {
		b.personRows(p)
		b.dayRows(p)
	}
	return b.afterRows(perMeeting)
}

func (b *builder) add(kind byte, vars []int, op string, rhs int) {
	slices.Sort(vars)
	b.m.rows = append(b.m.rows, row{kind: kind, vars: vars, op: op, rhs: rhs})
}

// binding reports whether vars span more than rhs meetings; a row over
// fewer is implied by the meeting rows.
func (b *builder) binding(vars []int, rhs int) bool {
	b.stamp++ // marks the meetings seen in this call
	n := 0
	for _, v := range vars {
		if m := b.m.Vars[v].Meeting; b.seen[m] != b.stamp {
			b.seen[m] = b.stamp
			if n++; n > rhs {
				return true
			}
		}
	}
	return false
}

// meetingRows holds each meeting at most once, exactly once if it is
// mandatory or fixed, and returns the variables of each meeting.
func (b *builder) meetingRows() [][]int {
	per := make([][]int, len(b.p.Meetings))
	for v, x := range b.m.Vars {
		per[x.Meeting] = append(per[x.Meeting], v)
	}
	for i, vars := range per {
		pm := &b.p.Meetings[i]
		switch must := pm.Mandatory || pm.Fixed != nil; {
		case must && len(vars) == 0:
			b.m.infeasible = append(b.m.infeasible, pm.ID)
		case must:
			b.add('m', slices.Clone(vars), "=", 1)
		case len(vars) > 1:
			b.add('m', slices.Clone(vars), "<=", 1)
		}
	}
	return per
}

// roomRows keeps the meetings in a room class at any minute within the
// number of its rooms.
func (b *builder) roomRows() {
	items := make([][]item, len(b.classes))
	for v, x := range b.m.Vars {
		items[x.Class] = append(items[x.Class], item{x.start, x.end, v})
	}
	for c, its := range items {
		n := len(b.classes[c].rooms)
		cliques(its, func(vars []int) {
			if b.binding(vars, n) {
				b.add('r', vars, "<=", n)
			}
		})
	}
}

// personRows keeps a person's meetings apart by the person's buffer and,
// between venues, by the travel time too.
func (b *builder) personRows(p int) {
	buf := b.p.People[p].BufferMinutes
	var its []item
	for _, v := range b.byPerson[p] {
		x := b.m.Vars[v]
		its = append(its, item{x.start, x.end + buf, v})
	}
	cliques(its, func(vars []int) {
		if b.binding(vars, 1) {
			b.add('p', vars, "<=", 1)
		}
	})
	b.travelRows(its)
}

// travelRows forbids pairs of a person's meetings in different venues
// that leave less than the buffer plus the travel time between them.
// A meeting at venue V covering minute τ (buffer included) conflicts with
// every meeting at venue W covering minute u when τ < u ≤ τ + travel, so
// "busy at V at τ" + "busy at W at u" ≤ 1; taking u at every start in W
// and τ at the maximal cliques of V within [u − travel, u) covers every
// conflicting pair. Each "busy" sum is an auxiliary variable, so that the
// many pairs of sums cost two coefficients each.
func (b *builder) travelRows(its []item) {
	byVenue := map[string][]item{}
	for _, it := range its {
		venue := b.classes[b.m.Vars[it.v].Class].venue
		byVenue[venue] = append(byVenue[venue], it)
	}
	if len(byVenue) < 2 {
		return
	}
	busy := map[busyAt]int{}
	venues := slices.Sorted(maps.Keys(byVenue))
	for _, from := range venues {
		for _, to := range venues {
			if t := b.venueTravel(from, to); t > 0 {
				vs, ws := newTimeline(byVenue[from]), newTimeline(byVenue[to])
				b.crossRows(busyLine{from, vs, busy}, busyLine{to, ws, busy}, t)
			}
		}
	}
}

// busyAt names a person's "busy at a venue at a minute" sum.
type busyAt struct {
	venue  string
	minute int
}

// busyLine is a person's meetings at one venue, with the auxiliary busy
// variables made for them so far.
type busyLine struct {
	venue string
	timeline
	vars map[busyAt]int
}

// busy returns the auxiliary variable for the line's meetings covering
// minute tau, adding it and its defining row the first time.
func (b *builder) busy(l busyLine, tau int) int {
	key := busyAt{l.venue, tau}
	if y, ok := l.vars[key]; ok {
		return y
	}
	y := b.m.aux
	b.m.aux++
	l.vars[key] = y
	vars := varsOf(l.at(tau))
	slices.Sort(vars)
	b.m.rows = append(b.m.rows, row{kind: 'b', vars: vars, aux: []int{y}, auxCoef: -1, op: "=", rhs: 0})
	return y
}

// crossRows adds the travel rows from a person's meetings at one venue
// (vs) to those at another (ws), travel minutes apart.
func (b *builder) crossRows(vs, ws busyLine, travel int) {
	vStarts := vs.starts()
	for _, u := range ws.starts() {
		coverW := ws.at(u)
		points := []int{u - travel}
		lo, _ := slices.BinarySearch(vStarts, u-travel+1)
		for _, s := range vStarts[lo:] {
			if s >= u {
				break
			}
			points = append(points, s)
		}
		for k, tau := range points {
			coverV := vs.at(tau)
			if len(coverV) == 0 || (k+1 < len(points) && minEnd(coverV) > points[k+1]) {
				continue // empty, or contained in the next point's clique
			}
			if b.binding(append(varsOf(coverV), varsOf(coverW)...), 1) {
				y := []int{b.busy(vs, tau), b.busy(ws, u)}
				b.m.rows = append(b.m.rows, row{kind: 't', aux: y, auxCoef: 1, op: "<=", rhs: 1})
			}
		}
	}
}

// dayRows keeps a person within max_meetings_per_day on every local day.
func (b *builder) dayRows(p int) {
	limit := b.p.People[p].MaxMeetingsPerDay
	if limit == nil {
		return
	}
	byDay := map[string][]int{}
	for _, v := range b.byPerson[p] {
		day := b.m.Vars[v].Start.In(b.loc).Format(time.DateOnly)
		byDay[day] = append(byDay[day], v)
	}
	for _, day := range slices.Sorted(maps.Keys(byDay)) {
		if vars := byDay[day]; b.binding(vars, *limit) {
			b.add('d', vars, "<=", *limit)
		}
	}
}

// afterRows orders the meetings of every `after`: for each start t of the
// later meeting, it cannot start by t while the earlier one ends after t.
func (b *builder) afterRows(perMeeting [][]int) error {
	for j, pm := range b.p.Meetings {
		for k, id := range pm.After {
			i, ok := b.meetings[id]
			if !ok {
				return fmt.Errorf("lp: meetings[%d].after[%d]: unknown meeting %q", j, k, id)
			}
			b.orderRows(perMeeting[i], perMeeting[j])
		}
	}
	return nil
}

func (b *builder) orderRows(first, later []int) {
	var starts []int
	for _, v := range later {
		starts = append(starts, b.m.Vars[v].start)
	}
	slices.Sort(starts)
	for _, t := range slices.Compact(starts) {
		var early, late []int
		for _, v := range first {
			if b.m.Vars[v].end > t {
				early = append(early, v)
			}
		}
		if len(early) == 0 {
			return // and none for any later t
		}
		for _, v := range later {
			if b.m.Vars[v].start <= t {
				late = append(late, v)
			}
		}
		b.add('a', append(early, late...), "<=", 1)
	}
}

// cliques calls emit with the variables of every maximal set of items
// that share a minute. Such a set of intervals always shares a start, so
// one sweep over the starts finds them all: the set at a start is emitted
// unless it lasts, whole, until the next start.
func cliques(items []item, emit func(vars []int)) {
	its := slices.Clone(items)
	slices.SortFunc(its, func(x, y item) int { return x.s - y.s })
	var active []item
	for k := 0; k < len(its); {
		tau := its[k].s
		active = slices.DeleteFunc(active, func(it item) bool { return it.e <= tau })
		for ; k < len(its) && its[k].s == tau; k++ {
			active = append(active, its[k])
		}
		if k == len(its) || minEnd(active) <= its[k].s {
			emit(varsOf(active))
		}
	}
}

func minEnd(its []item) int {
	m := math.MaxInt
	for _, it := range its {
		m = min(m, it.e)
	}
	return m
}

func varsOf(its []item) []int {
	out := make([]int, len(its))
	for i, it := range its {
		out[i] = it.v
	}
	return out
}

// timeline is a set of items sorted by start, to find those covering a
// minute quickly.
type timeline struct {
	items  []item
	maxLen int
}

func newTimeline(items []item) timeline {
	t := timeline{items: slices.Clone(items)}
	slices.SortFunc(t.items, func(x, y item) int { return x.s - y.s })
	for _, it := range t.items {
		t.maxLen = max(t.maxLen, it.e-it.s)
	}
	return t
}

// at returns the items with s ≤ tau < e.
func (t timeline) at(tau int) []item {
	lo, _ := slices.BinarySearchFunc(t.items, tau-t.maxLen+1, func(it item, s int) int { return it.s - s })
	var out []item
	for _, it := range t.items[lo:] {
		if it.s > tau {
			break
		}
		if it.e > tau {
			out = append(out, it)
		}
	}
	return out
}

// starts returns the distinct starts, ascending.
func (t timeline) starts() []int {
	var out []int
	for _, it := range t.items {
		if len(out) == 0 || out[len(out)-1] != it.s {
			out = append(out, it.s)
		}
	}
	return out
}

// rowName is the constraint's name in the LP file.
func rowName(r row, n int) string { return string(r.kind) + strconv.Itoa(n) }
