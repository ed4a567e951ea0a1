package lp

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"bilat/schedule"
)

// Var is one binary variable of the model, named x followed by its index
// in Mapping.Vars: meeting Meeting held with alternative Alt from Start in
// a room of class Class.
type Var struct {
	Meeting int // index into the problem's meetings
	Alt     int // index of the alternative, -1 for a meeting without any
	Start   time.Time
	Class   int     // index into Mapping.Classes
	Weight  float64 // the meeting's (or the alternative's) weight
	Obj     float64 // objective coefficient: weight, bonus and move penalty

	start, end int // minutes from the model's origin
}

// Mapping ties the variables of an LP file to the problem it was written
// for, so that a solution can be decoded into a schedule.
type Mapping struct {
	Problem *schedule.Problem
	Vars    []Var
	// Classes holds the ids of the interchangeable rooms of each class.
	Classes [][]string
	// Offset is the constant part of the objective, left out of the LP
	// file: minus the move penalty for every previous placement.
	Offset float64
}

// Model is a problem as a time-indexed MIP, ready to be written.
type Model struct {
	*Mapping
	rows []row
	// aux counts the continuous variables y<i>, each the sum of the
	// variables of one person's meetings at one venue covering one minute;
	// the travel rows are written over them to stay sparse.
	aux int
	// infeasible lists the mandatory meetings that have no variable at
	// all; each gets a constraint that cannot hold.
	infeasible []string
}

// row is a constraint Σ x[v] + auxCoef Σ y[a] op rhs.
type row struct {
	kind    byte // first letter of its name: m meeting, r room, p person, b busy, t travel, d day, a after
	vars    []int
	aux     []int
	auxCoef int
	op      string
	rhs     int
}

// span is a half-open period of minutes [s, e) from the model's origin.
type span struct{ s, e int }

func (a span) overlaps(b span) bool { return a.s < b.e && b.s < a.e }

// class is a set of interchangeable rooms.
type class struct {
	rooms    []int
	venue    string
	capacity int
	features []string
	off      []span
}

// builder holds what Build derives from the problem once.
type builder struct {
	p        *schedule.Problem
	loc      *time.Location
	origin   time.Time
	gran     int
	windows  []span
	people   map[string]int
	off      [][]span // per person
	rooms    map[string]int
	classes  []class
	classOf  []int             // per room
	meetings map[string]int    // id to index
	travel   map[[2]string]int // minutes between two venues, both ways
	previous map[string][]schedule.Placement
	m        *Model
	byPerson [][]int // variables of each person
	seen     []int   // per meeting, the stamp of the last binding call that saw it
	stamp    int
}

// Build compiles a problem into its time-indexed model. The problem is
// assumed valid (Problem.Validate says when it is not);
// Build only refuses references it cannot resolve.
func Build(p *schedule.Problem) (*Model, error) {
	if len(p.Windows) == 0 {
		return nil, fmt.Errorf("lp: problem has no windows")
	}
	b := &builder{p: p, loc: p.Location(), gran: p.GranularityOr5(), m: &Model{Mapping: &Mapping{Problem: p}}}
	b.index()
	b.buildClasses()
	for i := range p.Meetings {
		if err := b.addMeeting(i); err != nil {
			return nil, err
		}
	}
	if err := b.addRows(); err != nil {
		return nil, err
	}
	return b.m, nil
}

// index computes the origin, the windows and the lookup tables.
func (b *builder) index() {
	b.origin = b.p.Windows[0].Start
	for _, w := range b.p.Windows {
		if w.Start.Before(b.origin) {
			b.origin = w.Start
		}
	}
	for _, w := range b.p.Windows {
		b.windows = append(b.windows, b.span(w.Start, w.End))
	}
	slices.SortFunc(b.windows, func(x, y span) int { return x.s - y.s })
	b.people = map[string]int{}
	for i, per := range b.p.People {
		b.people[per.ID] = i
		var off []span
		for _, u := range per.Unavailable {
			off = append(off, b.span(u.Start, u.End))
		}
		b.off = append(b.off, off)
	}
	b.byPerson = make([][]int, len(b.p.People))
	b.seen = make([]int, len(b.p.Meetings))
	b.meetings = map[string]int{}
	for i, m := range b.p.Meetings {
		b.meetings[m.ID] = i
	}
	b.previous = map[string][]schedule.Placement{}
	for _, pl := range b.p.Previous {
		b.previous[pl.Meeting] = append(b.previous[pl.Meeting], pl)
	}
	b.m.Offset = -b.p.Objective.MovePenalty * float64(len(b.p.Previous))
	b.travel = map[[2]string]int{}
	for _, t := range b.p.Travel {
		b.travel[[2]string{t.From, t.To}] = t.Minutes
		b.travel[[2]string{t.To, t.From}] = t.Minutes
	}
}

func (b *builder) minute(t time.Time) int { return int(t.Sub(b.origin) / time.Minute) }

func (b *builder) span(s, e time.Time) span { return span{b.minute(s), b.minute(e)} }

func (b *builder) time(min int) time.Time {
	return b.origin.Add(time.Duration(min) * time.Minute).In(b.loc)
}

// buildClasses groups interchangeable rooms. Rooms named by a fixed or a
// previous placement stay alone, since the placement names the very room.
func (b *builder) buildClasses() {
	named := map[string]bool{}
	for _, m := range b.p.Meetings {
		if m.Fixed != nil && m.Fixed.Room != "" {
			named[m.Fixed.Room] = true
		}
	}
	for _, pl := range b.p.Previous {
		named[pl.Room] = true
	}
	allowedBy := map[string][]string{}
	for _, m := range b.p.Meetings {
		for _, r := range m.Rooms {
			allowedBy[r] = append(allowedBy[r], m.ID)
		}
	}
	b.rooms = map[string]int{}
	b.classOf = make([]int, len(b.p.Rooms))
	byKey := map[string]int{}
	for i, r := range b.p.Rooms {
		b.rooms[r.ID] = i
		c := b.roomClass(r)
		key := b.classKey(c, allowedBy[r.ID])
		if named[r.ID] {
			key = "room " + r.ID
		}
		k, ok := byKey[key]
		if !ok {
			k = len(b.classes)
			byKey[key] = k
			b.classes = append(b.classes, c)
		}
		b.classes[k].rooms = append(b.classes[k].rooms, i)
		b.classOf[i] = k
	}
	for _, c := range b.classes {
		ids := make([]string, len(c.rooms))
		for j, r := range c.rooms {
			ids[j] = b.p.Rooms[r].ID
		}
		b.m.Classes = append(b.m.Classes, ids)
	}
}

// roomClass returns the class of one room, without its members.
func (b *builder) roomClass(r schedule.Room) class {
	c := class{venue: r.Venue, features: slices.Sorted(slices.Values(r.Features))}
	if r.Capacity != nil {
		c.capacity = *r.Capacity
	}
	for _, u := range r.Unavailable {
		c.off = append(c.off, b.span(u.Start, u.End))
	}
	slices.SortFunc(c.off, func(x, y span) int { return x.s - y.s })
	return c
}

// classKey says what makes two rooms interchangeable.
func (b *builder) classKey(c class, allowedBy []string) string {
	return fmt.Sprintf("%q %d %q %v %q", c.venue, c.capacity, c.features, c.off, allowedBy)
}

// addMeeting adds the variables of meeting i.
func (b *builder) addMeeting(i int) error {
	pm := &b.p.Meetings[i]
	base, err := b.personIDs(pm.Attendees, fmt.Sprintf("meetings[%d].attendees", i))
	if err != nil {
		return err
	}
	if len(pm.Alternatives) == 0 {
		return b.addVariant(i, -1, base, pm.WeightOr1())
	}
	for a, alt := range pm.Alternatives {
		if pm.Fixed != nil && pm.Fixed.Alternative != nil && *pm.Fixed.Alternative != a {
			continue
		}
		extra, err := b.personIDs(alt.Attendees, fmt.Sprintf("meetings[%d].alternatives[%d].attendees", i, a))
		if err != nil {
			return err
		}
		if err := b.addVariant(i, a, append(slices.Clip(base), extra...), alt.WeightOr(pm.WeightOr1())); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) personIDs(ids []string, path string) ([]int, error) {
	out := make([]int, len(ids))
	for k, id := range ids {
		i, ok := b.people[id]
		if !ok {
			return nil, fmt.Errorf("lp: %s[%d]: unknown person %q", path, k, id)
		}
		out[k] = i
	}
	return out, nil
}

// addVariant adds a variable for every start and room class where meeting
// i, held with alternative alt by people, is allowed statically.
func (b *builder) addVariant(i, alt int, people []int, weight float64) error {
	pm := &b.p.Meetings[i]
	classes, err := b.compatible(i, len(people))
	if err != nil {
		return err
	}
	for _, s := range b.starts(pm, people) {
		sp := span{s, s + pm.DurationMinutes}
		for _, c := range classes {
			if !free(b.classes[c].off, sp) {
				continue
			}
			b.addVar(Var{Meeting: i, Alt: alt, Start: b.time(s), Class: c, Weight: weight,
				Obj: weight + b.bonus(pm, sp) + b.moveBonus(pm.ID, sp.s, c), start: sp.s, end: sp.e}, people)
		}
	}
	return nil
}

func (b *builder) addVar(v Var, people []int) {
	n := len(b.m.Vars)
	b.m.Vars = append(b.m.Vars, v)
	for _, p := range people {
		b.byPerson[p] = append(b.byPerson[p], n)
	}
}

// compatible returns the room classes meeting i may use with n people.
func (b *builder) compatible(i, n int) ([]int, error) {
	pm := &b.p.Meetings[i]
	need := n
	if pm.MinCapacity != nil {
		need = *pm.MinCapacity
	}
	allowed := map[int]bool{}
	for k, id := range pm.Rooms {
		r, ok := b.rooms[id]
		if !ok {
			return nil, fmt.Errorf("lp: meetings[%d].rooms[%d]: unknown room %q", i, k, id)
		}
		allowed[b.classOf[r]] = true
	}
	fixed := -1
	if pm.Fixed != nil && pm.Fixed.Room != "" {
		r, ok := b.rooms[pm.Fixed.Room]
		if !ok {
			return nil, fmt.Errorf("lp: meetings[%d].fixed.room: unknown room %q", i, pm.Fixed.Room)
		}
		fixed = b.classOf[r]
	}
	var out []int
	for c, cl := range b.classes {
		switch {
		case len(pm.Rooms) > 0 && !allowed[c], fixed >= 0 && c != fixed:
		case cl.capacity < need, !hasAll(cl.features, pm.Features):
		default:
			out = append(out, c)
		}
	}
	return out, nil
}

func hasAll(have, want []string) bool {
	for _, f := range want {
		if !slices.Contains(have, f) {
			return false
		}
	}
	return true
}

// starts lists the grid starts inside a window that respect the meeting's
// earliest, latest and fixed start and every person's availability.
func (b *builder) starts(pm *schedule.Meeting, people []int) []int {
	var out []int
	d := pm.DurationMinutes
	for _, w := range b.windows {
		for s := w.s; s+d <= w.e; s += b.gran {
			switch {
			case pm.Earliest != nil && s < b.minute(*pm.Earliest):
			case pm.Latest != nil && s+d > b.minute(*pm.Latest):
			case pm.Fixed != nil && s != b.minute(pm.Fixed.Start):
			case !b.peopleFree(people, span{s, s + d}):
			default:
				out = append(out, s)
			}
		}
	}
	return out
}

func (b *builder) peopleFree(people []int, sp span) bool {
	for _, p := range people {
		if !free(b.off[p], sp) {
			return false
		}
	}
	return true
}

func free(off []span, sp span) bool {
	for _, o := range off {
		if o.overlaps(sp) {
			return false
		}
	}
	return true
}

// bonus returns the largest preferred bonus whose interval holds sp.
func (b *builder) bonus(pm *schedule.Meeting, sp span) float64 {
	best := 0.0
	for _, pr := range pm.Preferred {
		if in := b.span(pr.Start, pr.End); in.s <= sp.s && sp.e <= in.e && pr.Bonus > best {
			best = pr.Bonus
		}
	}
	return best
}

// moveBonus returns the move penalty saved by keeping a previous
// placement: the penalty is counted once for every previous placement in
// Offset and earned back by the variables that keep it.
func (b *builder) moveBonus(id string, start, c int) float64 {
	pen := b.p.Objective.MovePenalty
	if pen == 0 {
		return 0
	}
	for _, pl := range b.previous[id] {
		if b.minute(pl.Start) != start {
			continue
		}
		if r, ok := b.rooms[pl.Room]; ok && b.classOf[r] == c {
			return pen
		}
	}
	return 0
}

// venueTravel returns the minutes between two venues.
func (b *builder) venueTravel(from, to string) int {
	if from == to {
		return 0
	}
	return b.travel[[2]string{from, to}]
}

// describe names the variable's meeting, alternative, start and class for
// error messages.
func (m *Mapping) describe(v int) string {
	x := m.Vars[v]
	s := fmt.Sprintf("%s at %s in %s", m.Problem.Meetings[x.Meeting].ID, x.Start.Format(time.RFC3339), strings.Join(m.Classes[x.Class], "/"))
	if x.Alt >= 0 {
		s += fmt.Sprintf(" (alternative %d)", x.Alt)
	}
	return s
}
