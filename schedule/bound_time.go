package schedule

import "math"

// The time-indexed relaxation is tighter than the capacity one: an item is
// a variant at one start, and the resources are grid slots. A person is
// busy from a meeting's start until its end plus their buffer (two
// meetings of one person cannot share a slot of that span), and a set of
// rooms that some meeting is restricted to holds at most as many meetings
// at once as it has rooms free. Travel is left out, which keeps the bound
// valid. It is built only when its size stays moderate.

// maxTimeUses bounds the size of the time-indexed relaxation.
const maxTimeUses = 6_000_000

// relaxTimed builds the time-indexed relaxation, or nil when too large.
func (m *model) relaxTimed() *relaxation {
	if m.timedUses() > maxTimeUses {
		return nil
	}
	rx := &relaxation{byMtg: make([][]int, len(m.meetings)), index: map[[3]int]int{}}
	resource := rx.resource
	classes := m.roomClasses()
	for i := range m.meetings {
		mm := &m.meetings[i]
		for vi, v := range mm.variants {
			if len(v.rooms) == 0 {
				continue
			}
			for _, st := range v.starts {
				it := bItem{meeting: i, value: v.weight + mm.bonus(st), v: vi, at: st}
				it.use = m.timedUse(mm, v, st, classes, resource)
				rx.byMtg[i] = append(rx.byMtg[i], len(rx.items))
				rx.items = append(rx.items, it)
			}
		}
	}
	return rx
}

// timedUse lists the slots an item takes of its people and room classes,
// and its people's daily counts.
func (m *model) timedUse(mm *mMeeting, v variant, st int, classes [][]int, resource func(kind, key, slot int, capacity func() float64) int) []bUse {
	var use []bUse
	day := m.day(st)
	for _, p := range v.people {
		per := &m.people[p]
		for t := st; t < st+mm.dur+per.buffer; t += m.gran {
			use = append(use, bUse{resource(0, p, t/m.gran, constant(1)), 1})
		}
		if per.maxPerDay >= 0 {
			use = append(use, bUse{resource(1, p, day, constant(float64(per.maxPerDay))), 1})
		}
	}
	for c, rooms := range classes {
		if !subset(v.rooms, rooms) {
			continue
		}
		for t := st; t < st+mm.dur; t += m.gran {
			free := func() float64 { return float64(m.roomsFreeAt(rooms, t)) }
			use = append(use, bUse{resource(2, c, t/m.gran, free), 1})
		}
	}
	return use
}

// roomsFreeAt counts the rooms not unavailable at minute t.
func (m *model) roomsFreeAt(rooms []int, t int) int {
	n := 0
	for _, r := range rooms {
		if m.roomFree(r, span{t, t + 1}) {
			n++
		}
	}
	return n
}

// timedUses estimates the size of the time-indexed relaxation.
func (m *model) timedUses() int {
	classes := len(m.roomClasses())
	n := 0
	for i := range m.meetings {
		mm := &m.meetings[i]
		slots := (mm.dur + m.gran - 1) / m.gran
		for _, v := range mm.variants {
			n += len(v.starts) * (len(v.people)*(slots+3) + classes*slots)
		}
	}
	return n
}

// integral reports whether every score of the problem is a whole number,
// so that a bound may be rounded down.
func (m *model) integral() bool {
	whole := func(x float64) bool { return x == math.Trunc(x) }
	if !whole(m.movePen) || !whole(m.breakPen) {
		return false
	}
	for i := range m.meetings {
		for _, v := range m.meetings[i].variants {
			if !whole(v.weight) {
				return false
			}
		}
		for _, p := range m.meetings[i].preferred {
			if !whole(p.bonus) {
				return false
			}
		}
	}
	return true
}

// roundBound rounds a bound down to a whole number when every score is
// one: no schedule can score between the two.
func (m *model) roundBound(b float64) float64 {
	if m.integral() {
		return math.Floor(b + 1e-6)
	}
	return b
}
