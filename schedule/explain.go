package schedule

import (
	"fmt"
	"sort"
	"strings"
)

// Codes of unscheduled meetings.
const (
	CodeNoRoom      = "no_room"              // no room is compatible
	CodeNoWindow    = "outside_windows"      // no window holds it within earliest/latest
	CodeUnavailable = "attendee_unavailable" // attendees' engagements cover every slot
	CodePersonBusy  = "attendee_busy"        // attendees' other meetings take every slot
	CodeRoomsFull   = "rooms_full"           // every compatible room is taken when people are free
	CodeDailyLimit  = "daily_limit"          // a person's meetings per day are used up
	CodeOrder       = "order"                // an "after" order cannot be kept
	CodeLowerValue  = "lower_value"          // it fits only by pushing out meetings worth more
	CodeBreakSpread = "break_spread"         // no schedule found keeps the spread of breaks
)

// explain says why meeting i is not in the schedule: a code, a sentence
// naming who or what blocks it, and the smallest change found that would
// let it in.
func (s *state) explain(i int) Unscheduled {
	mm := &s.m.meetings[i]
	u := Unscheduled{Meeting: mm.id}
	switch {
	case s.noRoom(i):
		u.Code, u.Reason, u.Fix = CodeNoRoom, s.m.roomNeed(i), s.m.roomFix(i)
	case s.m.options(i) == 0 && len(s.m.windowStarts(i)) == 0:
		u.Code, u.Reason = CodeNoWindow, s.m.windowReason(i)
	case s.m.options(i) == 0:
		u.Code, u.Reason, u.Fix = CodeUnavailable, s.m.unavailableReason(i), s.unavailableFix(i)
	default:
		u.Code, u.Reason, u.Fix = s.blockedReason(i)
	}
	return u
}

func (s *state) noRoom(i int) bool {
	for _, v := range s.m.meetings[i].variants {
		if len(v.rooms) > 0 {
			return false
		}
	}
	return true
}

// need describes what room variant 0 of meeting i needs.
func (m *model) need(i int) (int, []string) {
	pm := &m.p.Meetings[i]
	n := len(m.meetings[i].variants[0].people)
	if pm.MinCapacity != nil {
		n = *pm.MinCapacity
	}
	return n, pm.Features
}

func (m *model) roomNeed(i int) string {
	n, feats := m.need(i)
	what := fmt.Sprintf("%d seats", n)
	if len(feats) > 0 {
		what = strings.Join(feats, " and ") + " and " + what
	}
	if rs := m.p.Meetings[i].Rooms; len(rs) > 0 {
		return fmt.Sprintf("none of the rooms allowed (%s) has %s", strings.Join(rs, ", "), what)
	}
	return "no room has " + what
}

// roomFix names the largest room with the features that is too small.
func (m *model) roomFix(i int) string {
	n, feats := m.need(i)
	best := -1
	for r, room := range m.rooms {
		if hasAll(room.features, feats) && room.capacity < n && (best < 0 || room.capacity > m.rooms[best].capacity) {
			best = r
		}
	}
	if best < 0 {
		return ""
	}
	return fmt.Sprintf("fits in room %s if it takes %d seats", m.rooms[best].id, m.rooms[best].capacity)
}

// windowStarts lists grid starts that fit windows and earliest/latest,
// ignoring people.
func (m *model) windowStarts(i int) []int {
	pm := &m.p.Meetings[i]
	mm := &m.meetings[i]
	var out []int
	for _, w := range m.windows {
		for st := w.s; st+mm.dur <= w.e; st += m.gran {
			if pm.Earliest != nil && st < m.minute(*pm.Earliest) || pm.Latest != nil && st+mm.dur > m.minute(*pm.Latest) {
				continue
			}
			if mm.fixed != nil && st != mm.fixed.start {
				continue
			}
			out = append(out, st)
		}
	}
	return out
}

func (m *model) windowReason(i int) string {
	pm := &m.p.Meetings[i]
	if pm.Fixed != nil {
		return fmt.Sprintf("its fixed start %s is not on the grid of a window that holds its %d minutes", m.clock(m.minute(pm.Fixed.Start)), pm.DurationMinutes)
	}
	return fmt.Sprintf("no window holds its %d minutes between its earliest and latest times", pm.DurationMinutes)
}

// unavailableReason names the people whose engagements cover the slots.
func (m *model) unavailableReason(i int) string {
	starts := m.windowStarts(i)
	blocked := map[int]int{}
	reasons := map[int]string{}
	for _, st := range starts {
		sp := span{st, st + m.meetings[i].dur}
		for _, p := range m.allPeople(i) {
			for k, off := range m.people[p].off {
				if off.overlaps(sp) {
					blocked[p]++
					reasons[p] = m.people[p].reasons[k]
					break
				}
			}
		}
	}
	who := sortedByCount(blocked)
	parts := make([]string, 0, len(who))
	for _, p := range who {
		r := reasons[p]
		if r == "" {
			r = "other engagements"
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", m.people[p].id, r))
	}
	return fmt.Sprintf("at every possible time one of its people is unavailable: %s", strings.Join(parts, ", "))
}

// allPeople lists the people of every variant of meeting i.
func (m *model) allPeople(i int) []int {
	seen := map[int]bool{}
	var out []int
	for _, v := range m.meetings[i].variants {
		for _, p := range v.people {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

func sortedByCount(c map[int]int) []int {
	out := make([]int, 0, len(c))
	for k := range c {
		out = append(out, k)
	}
	sort.Slice(out, func(a, b int) bool {
		if c[out[a]] != c[out[b]] {
			return c[out[a]] > c[out[b]]
		}
		return out[a] < out[b]
	})
	return out
}

// unavailableFix finds one engagement whose move would let the meeting in.
func (s *state) unavailableFix(i int) string {
	m := s.m
	mm := &m.meetings[i]
	for v := range mm.variants {
		for _, p := range mm.variants[v].people {
			for k, off := range m.people[p].off {
				if s.fitsWithout(i, v, p, k) {
					return fmt.Sprintf("fits if %s's %s at %s moves", m.people[p].id, orDefault(m.people[p].reasons[k], "engagement"), m.clock(off.s))
				}
			}
		}
	}
	return ""
}

// fitsWithout reports whether meeting i fits as variant v if person p's
// k-th unavailable period were gone.
func (s *state) fitsWithout(i, v, p, k int) bool {
	m := s.m
	per := &m.people[p]
	off, reasons := per.off, per.reasons
	per.off = append(append([]span{}, off[:k]...), off[k+1:]...)
	per.reasons = append(append([]string{}, reasons[:k]...), reasons[k+1:]...)
	defer func() { per.off, per.reasons = off, reasons }()
	mm := &m.meetings[i]
	for _, st := range m.windowStarts(i) {
		if !m.peopleFree(mm.variants[v].people, span{st, st + mm.dur}) {
			continue
		}
		for _, r := range mm.variants[v].rooms {
			if s.fits(i, v, st, r) {
				return true
			}
		}
	}
	return false
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// clock writes minute t as a local weekday, date and time.
func (m *model) clock(t int) string {
	return m.time(t).Format("Mon 2 Jan 15:04")
}

// blockedReason explains a meeting that has slots but finds them taken.
func (s *state) blockedReason(i int) (code, reason, fix string) {
	m := s.m
	mm := &m.meetings[i]
	busy := map[int]int{} // person → slots where their meetings are in the way
	daily, rooms, order := 0, 0, 0
	heavier := map[int]bool{}
	var fixes []string
	for v := range mm.variants {
		vr := &mm.variants[v]
		// About 24 starts spread over the options are examined: enough to
		// name what is in the way without a full scan, which on problems
		// of tens of thousands of meetings would cost minutes.
		step := max(1, len(vr.starts)/24)
		for k := 0; k < len(vr.starts); k += step {
			st := vr.starts[k]
			sp := span{st, st + mm.dur}
			what, who := s.slotBlock(i, v, sp)
			switch what {
			case "person":
				busy[who]++
			case "daily":
				daily++
			case "rooms":
				rooms++
			case "order":
				order++
			}
			if f := s.singleBlocker(i, v, st, heavier); len(fixes) == 0 {
				fixes = f
			}
		}
	}
	if len(fixes) > 0 {
		fix = fixes[0]
	}
	switch {
	case len(busy) > 0:
		who := sortedByCount(busy)
		code = CodePersonBusy
		reason = fmt.Sprintf("%s's free time is taken by other meetings", m.people[who[0]].id)
		if list := s.namesOf(heavier); list != "" {
			code = CodeLowerValue
			reason += " of equal or higher weight (" + list + ")"
		}
	case rooms > 0:
		code, reason = CodeRoomsFull, "every compatible room is taken whenever its people are free"
	case daily > 0:
		code, reason = CodeDailyLimit, "its people have reached their limit of meetings per day on every day it could take place"
	default:
		code, reason = CodeOrder, "it must come after meetings that are placed too late"
	}
	return code, reason, fix
}

// slotBlock says what stops meeting i at sp: a person's meetings (and
// who), their daily limit, the rooms, or the order.
func (s *state) slotBlock(i, v int, sp span) (string, int) {
	mm := &s.m.meetings[i]
	for _, p := range mm.variants[v].people {
		if !s.personOpen(p, sp, mm.variants[v].rooms[0], i) {
			if s.dailyFull(p, sp.s, i) {
				return "daily", p
			}
			return "person", p
		}
	}
	if !s.orderHolds(i, sp) {
		return "order", -1
	}
	return "rooms", -1
}

func (s *state) dailyFull(p, start, self int) bool {
	per := &s.m.people[p]
	return per.maxPerDay >= 0 && s.perDay[p*s.days+s.m.day(start)] >= per.maxPerDay
}

// singleBlocker returns a fix when one placed meeting alone stands in the
// way at st, and records blockers worth as much or more.
func (s *state) singleBlocker(i, v, st int, heavier map[int]bool) []string {
	mm := &s.m.meetings[i]
	rooms := mm.variants[v].rooms
	rooms = rooms[:min(len(rooms), 6)] // the smallest rooms suffice to name blockers
	for _, r := range rooms {
		if !s.m.roomFree(r, span{st, st + mm.dur}) {
			continue
		}
		block, ok := s.blockers(i, v, st, r)
		if !ok || len(block) == 0 {
			continue
		}
		for _, b := range block {
			if s.worth(b) >= mm.variants[v].weight && len(heavier) < 32 {
				heavier[b] = true
			}
		}
		if len(block) == 1 {
			b := block[0]
			return []string{fmt.Sprintf("fits at %s in room %s if %s (weight %g) moves or gives way", s.m.clock(st), s.m.rooms[r].id, s.m.meetings[b].id, s.m.meetings[b].variants[s.at[b].v].weight)}
		}
	}
	return nil
}

func (s *state) namesOf(set map[int]bool) string {
	ids := make([]string, 0, len(set))
	for j := range set {
		ids = append(ids, s.m.meetings[j].id)
	}
	sort.Strings(ids)
	if len(ids) > 5 {
		ids = append(ids[:5], fmt.Sprintf("and %d more", len(ids)-5))
	}
	return strings.Join(ids, ", ")
}
