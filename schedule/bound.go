package schedule

import (
	"context"
	"math"
	"sort"
)

// The bound is the Lagrangian dual of a capacity relaxation. Each meeting
// is held at most once, as one variant, on one local day; holding it uses
// time of each of its people that day (its duration plus the person's
// buffer), one of each person's meetings of the day, and minutes of the
// rooms it may use that day. The relaxation keeps only these totals: the
// people's free minutes and daily limits, and for each set of rooms that
// some meeting is restricted to, the free minutes of that set. Moving the
// capacity constraints into the objective with prices λ ≥ 0 gives, for any
// prices, an upper bound on every valid schedule's score (weak duality);
// subgradient steps lower it, and the least value seen is reported.

// bItem is one way to hold a meeting: a variant on a day.
type bItem struct {
	meeting int
	value   float64
	use     []bUse
	v, at   int // variant, and start (time-indexed items only)
}

// bUse is how much of a resource an item consumes.
type bUse struct {
	res    int
	amount float64
}

type relaxation struct {
	items    []bItem
	byMtg    [][]int // items of each meeting
	capacity []float64
	index    map[[3]int]int // kind, key, day or slot → resource
	// best and lambda are the least value found and its prices.
	best   float64
	lambda []float64
}

// resource returns the id of a resource, adding it on first sight; its
// capacity is computed only then.
func (rx *relaxation) resource(kind, key, at int, capacity func() float64) int {
	k := [3]int{kind, key, at}
	if id, ok := rx.index[k]; ok {
		return id
	}
	rx.index[k] = len(rx.capacity)
	rx.capacity = append(rx.capacity, capacity())
	return rx.index[k]
}

// relax builds the capacity relaxation of the model.
func (m *model) relax() *relaxation {
	rx := &relaxation{byMtg: make([][]int, len(m.meetings)), index: map[[3]int]int{}}
	resource := rx.resource
	classes := m.roomClasses()
	for i := range m.meetings {
		mm := &m.meetings[i]
		for _, v := range mm.variants {
			for d, starts := range m.startsByDay(v.starts) {
				if len(starts) == 0 || len(v.rooms) == 0 {
					continue
				}
				it := bItem{meeting: i, value: v.weight + mm.maxBonus(starts)}
				for _, p := range v.people {
					per := &m.people[p]
					// In each free stretch of the day, n meetings need their
					// minutes plus n-1 buffers: the stretch gives one buffer back.
					free := func() float64 {
						minutes, stretches := m.freeTime(per.off, d)
						return float64(minutes + stretches*per.buffer)
					}
					it.use = append(it.use, bUse{resource(0, p, d, free), float64(mm.dur + per.buffer)})
					if per.maxPerDay >= 0 {
						it.use = append(it.use, bUse{resource(1, p, d, constant(float64(per.maxPerDay))), 1})
					}
				}
				for c, rooms := range classes {
					if subset(v.rooms, rooms) {
						minutes := func() float64 { return m.roomMinutes(rooms, d) }
						it.use = append(it.use, bUse{resource(2, c, d, minutes), float64(mm.dur)})
					}
				}
				rx.byMtg[i] = append(rx.byMtg[i], len(rx.items))
				rx.items = append(rx.items, it)
			}
		}
	}
	return rx
}

func constant(x float64) func() float64 { return func() float64 { return x } }

// startsByDay splits sorted starts by local day.
func (m *model) startsByDay(starts []int) [][]int {
	out := make([][]int, max(1, len(m.dayStarts)))
	for _, s := range starts {
		d := max(0, m.day(s))
		out[d] = append(out[d], s)
	}
	return out
}

func (mm *mMeeting) maxBonus(starts []int) float64 {
	best := 0.0
	for _, s := range starts {
		best = math.Max(best, mm.bonus(s))
	}
	return best
}

// dayWindows returns the parts of the windows on local day d.
func (m *model) dayWindows(d int) []span {
	lo := m.dayStarts[d]
	hi := math.MaxInt
	if d+1 < len(m.dayStarts) {
		hi = m.dayStarts[d+1]
	}
	var out []span
	for _, w := range m.windows {
		s, e := max(w.s, lo), min(w.e, hi)
		if s < e {
			out = append(out, span{s, e})
		}
	}
	return out
}

// freeMinutes is the time in day d's windows not covered by off.
func (m *model) freeMinutes(off []span, d int) float64 {
	minutes, _ := m.freeTime(off, d)
	return float64(minutes)
}

// freeTime returns the minutes of day d's windows not covered by off, and
// in how many separate stretches they lie.
func (m *model) freeTime(off []span, d int) (minutes, stretches int) {
	for _, w := range m.dayWindows(d) {
		mins, n := freeIn(w, off)
		minutes += mins
		stretches += n
	}
	return minutes, stretches
}

// freeIn returns the minutes of w outside the union of off, and the number
// of stretches they form.
func freeIn(w span, off []span) (minutes, stretches int) {
	var parts []span
	for _, o := range off {
		s, e := max(o.s, w.s), min(o.e, w.e)
		if s < e {
			parts = append(parts, span{s, e})
		}
	}
	sort.Slice(parts, func(a, b int) bool { return parts[a].s < parts[b].s })
	at := w.s // the start of the free time not yet counted
	for _, p := range parts {
		if p.s > at {
			minutes += p.s - at
			stretches++
		}
		at = max(at, p.e)
	}
	if w.e > at {
		minutes += w.e - at
		stretches++
	}
	return minutes, stretches
}

func (m *model) roomMinutes(rooms []int, d int) float64 {
	total := 0.0
	for _, r := range rooms {
		total += m.freeMinutes(m.rooms[r].off, d)
	}
	return total
}

// roomClasses returns the distinct room sets meetings are restricted to,
// as sorted lists, at most 64 of them (the smallest ones).
func (m *model) roomClasses() [][]int {
	seen := map[string]bool{}
	shared := map[*int]bool{} // lists are shared (see compatibleRooms)
	var out [][]int
	for i := range m.meetings {
		for _, v := range m.meetings[i].variants {
			if len(v.rooms) == 0 || shared[&v.rooms[0]] {
				continue
			}
			shared[&v.rooms[0]] = true
			rs := append([]int(nil), v.rooms...)
			sort.Ints(rs)
			if k := keyOf(rs); !seen[k] {
				seen[k] = true
				out = append(out, rs)
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return len(out[a]) < len(out[b]) })
	if len(out) > 64 {
		out = out[:64]
	}
	return out
}

func keyOf(xs []int) string {
	b := make([]byte, 0, len(xs)*3)
	for _, x := range xs {
		b = append(b, byte(x), byte(x>>8), ',')
	}
	return string(b)
}

// subset reports whether every room of a is in sorted b.
func subset(a, b []int) bool {
	for _, x := range a {
		k := sort.SearchInts(b, x)
		if k == len(b) || b[k] != x {
			return false
		}
	}
	return true
}

// value returns the Lagrangian bound at prices lambda, and each resource's
// use by the items the relaxed problem picks.
func (rx *relaxation) value(lambda []float64, used []float64) float64 {
	for k := range used {
		used[k] = 0
	}
	total := 0.0
	for k, c := range rx.capacity {
		total += lambda[k] * c
	}
	for _, items := range rx.byMtg {
		best, pick := 0.0, -1
		for _, it := range items {
			red := rx.items[it].value
			for _, u := range rx.items[it].use {
				red -= lambda[u.res] * u.amount
			}
			if red > best {
				best, pick = red, it
			}
		}
		if pick >= 0 {
			total += best
			for _, u := range rx.items[pick].use {
				used[u.res] += u.amount
			}
		}
	}
	return total
}

// bound runs subgradient steps toward the least Lagrangian value, using
// target (a score known to be reachable) for the step size.
func (rx *relaxation) bound(target float64, steps int) float64 {
	return rx.descend(context.Background(), steps, func() float64 { return target }, nil)
}

// descend runs at most steps subgradient steps (all of them while ctx
// lasts when steps is 0), calling publish with each better bound. target
// returns the best score known, which sets the step size.
func (rx *relaxation) descend(ctx context.Context, steps int, target func() float64, publish func(float64)) float64 {
	lambda := make([]float64, len(rx.capacity))
	used := make([]float64, len(rx.capacity))
	best := math.Inf(1)
	theta := 2.0
	stall := 0
	for it := 0; steps == 0 || it < steps; it++ {
		if ctx.Err() != nil {
			break
		}
		val := rx.value(lambda, used)
		if val < best-1e-9 {
			best, stall = val, 0
			rx.best, rx.lambda = val, append(rx.lambda[:0], lambda...)
			if publish != nil {
				publish(best)
			}
		} else if stall++; stall > 50 {
			theta, stall = theta/2, 0
		}
		goal := target()
		norm := 0.0
		for k := range lambda {
			g := rx.capacity[k] - used[k]
			if lambda[k] == 0 && g > 0 {
				continue
			}
			norm += g * g
		}
		if norm == 0 || best-goal < 1e-9 || theta < 1e-6 {
			break
		}
		step := theta * (val - goal) / norm
		for k := range lambda {
			lambda[k] = math.Max(0, lambda[k]-step*(rx.capacity[k]-used[k]))
		}
	}
	return best
}
