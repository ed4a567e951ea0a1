package plan

import (
	"context"
	"slices"
	"time"

	"bilat"
	"bilat/schedule"
)

// A desk officer moves a scheduled meeting by hand. The Mover checks such a
// move against the rules the scheduler keeps (the day's window and grid,
// the request's own earliest and latest, the room's seats and features,
// the room free, every person of the meeting free of the programme and of
// their other meetings with their buffer and the travel between venues,
// and a principal's daily limit), and lists the slots where a meeting may
// go. It reads the problem Build makes, so that the windows, buffers and
// seats are the scheduler's own, and says what is in the way as Clashes
// that carry record ids, for a page to tell in the reader's language.

// ClashKind says what kind of rule a move breaks.
type ClashKind string

// Clash kinds.
const (
	ClashWindow   ClashKind = "window"   // outside the day's hours for bilaterals, or off the grid
	ClashEarliest ClashKind = "earliest" // before the request's earliest time
	ClashLatest   ClashKind = "latest"   // after the request's latest time
	ClashNoRoom   ClashKind = "no_room"  // the room is not one of the event's
	ClashSeats    ClashKind = "seats"    // the room has too few seats
	ClashFeatures ClashKind = "features" // the room lacks interpretation
	ClashRoom     ClashKind = "room"     // another meeting holds the room
	ClashSession  ClashKind = "session"  // a person attends a programme session
	ClashMeeting  ClashKind = "meeting"  // a person is at another meeting
	ClashGap      ClashKind = "gap"      // too little time after or before another meeting
	ClashPerDay   ClashKind = "per_day"  // the principal's daily limit is reached
	ClashStatus   ClashKind = "status"   // the meeting is not a scheduled one
	ClashUnknown  ClashKind = "unknown"  // the meeting is not one of the event's
)

// Clash is one reason a meeting cannot go where a move puts it. The ids
// name the records in the way; Start and End the period they hold.
type Clash struct {
	Kind      ClashKind
	PersonID  int64 // the person who is not free
	SessionID int64 // the programme session they attend
	MeetingID int64 // the other meeting in the way
	RequestID int64 // and its request, whose delegation names it
	RoomID    int64 // the room concerned
	Start     time.Time
	End       time.Time
	// Need is the seats the meeting needs, the minutes a person needs
	// between two meetings, or a principal's daily limit.
	Need int
}

// Slot is a place a meeting may move to.
type Slot struct {
	Start, End time.Time
	RoomID     int64
}

// Mover checks moves of one event's scheduled meetings.
type Mover struct {
	b *builder
}

// NewMover reads an event's records as Build does.
func NewMover(ctx context.Context, r Records, eventID int64, opt BuildOptions) (*Mover, error) {
	p, m, err := Build(ctx, r, eventID, opt)
	if err != nil {
		return nil, err
	}
	opt, _ = opt.withDefaults()
	return &Mover{b: &builder{w: m.world, opt: opt, p: p, m: m}}, nil
}

// Location is the event's time zone.
func (mv *Mover) Location() *time.Location { return mv.b.w.loc }

// Meeting returns the event's meeting id, or nil.
func (mv *Mover) Meeting(id int64) *bilat.Meeting {
	for _, m := range mv.b.w.meetings {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Check returns what is in the way of meeting id starting at start in
// room roomID, keeping its length; none when the move keeps every rule.
func (mv *Mover) Check(id int64, start time.Time, roomID int64) []Clash {
	cur := mv.Meeting(id)
	if cur == nil {
		return []Clash{{Kind: ClashUnknown, MeetingID: id}}
	}
	if cur.Status != bilat.StatusScheduled {
		return []Clash{{Kind: ClashStatus, MeetingID: id}}
	}
	moved := *cur
	moved.Start, moved.RoomID = start.In(mv.b.w.loc), roomID
	moved.End = moved.Start.Add(cur.End.Sub(cur.Start))
	var out []Clash
	out = append(out, mv.timing(&moved)...)
	out = append(out, mv.room(&moved)...)
	for _, person := range mv.peopleOf(&moved) {
		out = append(out, mv.personFree(&moved, person)...)
	}
	return append(out, mv.perDay(&moved)...)
}

// Slots lists where meeting id may go on day (YYYY-MM-DD in the event's
// zone): every start a step of minutes apart within the day's window, in
// every room where the move keeps every rule, by start then room. Its
// present place is left out.
func (mv *Mover) Slots(id int64, day string, step int) []Slot {
	cur := mv.Meeting(id)
	if cur == nil || cur.Status != bilat.StatusScheduled {
		return nil
	}
	step = max(step, mv.b.opt.Granularity)
	length := cur.End.Sub(cur.Start)
	var out []Slot
	for _, w := range mv.b.p.Windows {
		if w.Start.In(mv.b.w.loc).Format(time.DateOnly) != day {
			continue
		}
		for t := w.Start; !t.Add(length).After(w.End); t = t.Add(time.Duration(step) * time.Minute) {
			for _, r := range mv.b.w.rooms {
				if t.Equal(cur.Start) && r.ID == cur.RoomID {
					continue
				}
				if len(mv.Check(id, t, r.ID)) == 0 {
					out = append(out, Slot{Start: t, End: t.Add(length), RoomID: r.ID})
				}
			}
		}
	}
	return out
}

// timing checks the day's window, the grid and the request's own bounds.
func (mv *Mover) timing(m *bilat.Meeting) []Clash {
	var out []Clash
	grid := time.Duration(mv.b.opt.Granularity) * time.Minute
	inside := false
	for _, w := range mv.b.p.Windows {
		if !m.Start.Before(w.Start) && !m.End.After(w.End) && m.Start.Sub(w.Start)%grid == 0 {
			inside = true
		}
	}
	if !inside {
		out = append(out, Clash{Kind: ClashWindow, Start: m.Start, End: m.End, Need: mv.b.opt.Granularity})
	}
	if x := mv.b.w.requests[m.RequestID]; x != nil {
		if x.Earliest != nil && m.Start.Before(*x.Earliest) {
			out = append(out, Clash{Kind: ClashEarliest, Start: x.Earliest.In(mv.b.w.loc)})
		}
		if x.Latest != nil && m.End.After(*x.Latest) {
			out = append(out, Clash{Kind: ClashLatest, End: x.Latest.In(mv.b.w.loc)})
		}
	}
	return out
}

// room checks that the room exists, seats the meeting, has the features
// its request asks for and is free.
func (mv *Mover) room(m *bilat.Meeting) []Clash {
	i := slices.IndexFunc(mv.b.w.rooms, func(r *bilat.Room) bool { return r.ID == m.RoomID })
	if i < 0 {
		return []Clash{{Kind: ClashNoRoom, RoomID: m.RoomID}}
	}
	r := mv.b.w.rooms[i]
	var out []Clash
	if x := mv.b.w.requests[m.RequestID]; x != nil {
		if need := mv.b.seats(x); r.Capacity < need {
			out = append(out, Clash{Kind: ClashSeats, RoomID: r.ID, Need: need})
		}
		if x.Interpretation && !slices.Contains(r.Features, "interpretation") {
			out = append(out, Clash{Kind: ClashFeatures, RoomID: r.ID})
		}
	}
	for _, o := range mv.others(m) {
		if o.RoomID == m.RoomID && overlaps(o.Start, o.End, m.Start, m.End) {
			out = append(out, Clash{Kind: ClashRoom, RoomID: r.ID, MeetingID: o.ID, RequestID: o.RequestID, Start: o.Start.In(mv.b.w.loc), End: o.End.In(mv.b.w.loc)})
		}
	}
	return out
}

// personFree checks that person id is free for the meeting: at no
// programme session they attend, nor at another meeting, and with their
// buffer and the travel between venues kept from the meetings before and
// after.
func (mv *Mover) personFree(m *bilat.Meeting, id int64) []Clash {
	loc := mv.b.w.loc
	buffer := mv.bufferOf(id)
	pad := time.Duration(buffer) * time.Minute
	var out []Clash
	for _, s := range mv.b.w.sessions {
		if mv.b.attends(s, id) && overlaps(s.Start.Add(-pad), s.End.Add(pad), m.Start, m.End) {
			out = append(out, Clash{Kind: ClashSession, PersonID: id, SessionID: s.ID, Start: s.Start.In(loc), End: s.End.In(loc), Need: buffer})
		}
	}
	for _, o := range mv.others(m) {
		if !mv.b.wasAt(o, id) {
			continue
		}
		need := buffer + mv.travel(o.RoomID, m.RoomID)
		gap := time.Duration(need) * time.Minute
		c := Clash{PersonID: id, MeetingID: o.ID, RequestID: o.RequestID, Start: o.Start.In(loc), End: o.End.In(loc), Need: need}
		switch {
		case overlaps(o.Start, o.End, m.Start, m.End):
			c.Kind = ClashMeeting
		case overlaps(o.Start.Add(-gap), o.End.Add(gap), m.Start, m.End):
			c.Kind = ClashGap
		default:
			continue
		}
		out = append(out, c)
	}
	return out
}

// perDay checks the principal's limit of meetings a day.
func (mv *Mover) perDay(m *bilat.Meeting) []Clash {
	pr := mv.b.m.principals[m.PrincipalID]
	if pr == nil || pr.MaxMeetingsPerDay == 0 {
		return nil
	}
	day := m.Start.In(mv.b.w.loc).Format(time.DateOnly)
	n := 0
	for _, o := range mv.others(m) {
		if o.PrincipalID == m.PrincipalID && o.Start.In(mv.b.w.loc).Format(time.DateOnly) == day {
			n++
		}
	}
	if n >= pr.MaxMeetingsPerDay {
		return []Clash{{Kind: ClashPerDay, PersonID: pr.PersonID, Need: pr.MaxMeetingsPerDay}}
	}
	return nil
}

// others returns the event's meetings that take time and room, other than m:
// scheduled ones and those held or missed.
func (mv *Mover) others(m *bilat.Meeting) []*bilat.Meeting {
	var out []*bilat.Meeting
	for _, o := range mv.b.w.meetings {
		if o.ID != m.ID && (o.Status == bilat.StatusScheduled || past(o)) {
			out = append(out, o)
		}
	}
	return out
}

// peopleOf returns the people at a meeting: its principal, the person who
// attends for the requesting delegation, and its participants.
func (mv *Mover) peopleOf(m *bilat.Meeting) []int64 {
	var out []int64
	add := func(id int64) {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if pr := mv.b.m.principals[m.PrincipalID]; pr != nil {
		add(pr.PersonID)
	}
	if x := mv.b.w.requests[m.RequestID]; x != nil {
		add(mv.b.w.requester(x))
	}
	for _, id := range m.Participants {
		add(id)
	}
	return out
}

// bufferOf is the idle time person id keeps between engagements: the
// principals keep the buffer, as Build gives it them; others none.
func (mv *Mover) bufferOf(id int64) int {
	if mv.b.m.isPrincipal(id) {
		return mv.b.opt.BufferMinutes
	}
	return 0
}

// travel returns the minutes between the venues of two rooms: the longer
// of the two directions, as Build takes it.
func (mv *Mover) travel(roomA, roomB int64) int {
	va, vb := mv.venueOf(roomA), mv.venueOf(roomB)
	if va == 0 || vb == 0 || va == vb {
		return 0
	}
	out := 0
	for _, v := range mv.b.w.venues {
		for _, t := range v.Travel {
			if (v.ID == va && t.VenueID == vb) || (v.ID == vb && t.VenueID == va) {
				out = max(out, t.Minutes)
			}
		}
	}
	return out
}

// venueOf returns the venue of room id, 0 when unknown.
func (mv *Mover) venueOf(id int64) int64 {
	for _, r := range mv.b.w.rooms {
		if r.ID == id {
			return r.VenueID
		}
	}
	return 0
}

// overlaps reports whether [a1, a2) and [b1, b2) share a moment.
func overlaps(a1, a2, b1, b2 time.Time) bool { return a1.Before(b2) && b1.Before(a2) }

// Schedule returns the schedule of the event's present scheduled meetings
// with meeting id placed at start in room roomID, for schedule.Check: an
// independent second opinion on a move, which tests use.
func (mv *Mover) Schedule(id int64, start time.Time, roomID int64) (*schedule.Problem, *schedule.Schedule) {
	s := &schedule.Schedule{Format: schedule.ScheduleFormat}
	for _, pm := range mv.b.p.Meetings {
		x := mv.b.m.Requests[pm.ID]
		cur := mv.b.m.Current[x.ID]
		if cur == nil {
			continue
		}
		a := schedule.Assignment{Meeting: pm.ID, Start: cur.Start.In(mv.b.w.loc), Room: RoomID(cur.RoomID)}
		if cur.ID == id {
			a.Start, a.Room = start.In(mv.b.w.loc), RoomID(roomID)
		}
		if len(pm.Alternatives) > 0 {
			a.Alternative = ptr(0)
		}
		s.Assignments = append(s.Assignments, a)
	}
	p := *mv.b.p
	p.Meetings = slices.Clone(p.Meetings)
	for i := range p.Meetings {
		p.Meetings[i].Fixed = nil // a hand move may move a pinned meeting
	}
	return &p, s
}
