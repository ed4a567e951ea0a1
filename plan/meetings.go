package plan

import (
	"math"
	"slices"
	"time"

	"bilat"
	"bilat/schedule"
)

// meetings adds one meeting per request to place. Its attendee is the
// person who asked; the principals who may receive it are its
// alternatives. A scheduled request is promised to its delegation: it is
// mandatory, keeps its principal, and its place is given as previous so
// that moving it costs the move penalty; a pinned one is fixed.
func (b *builder) meetings() {
	for _, x := range b.w.open() {
		b.meeting(x)
	}
}

func (b *builder) meeting(x *bilat.Request) {
	key := MeetingID(x.ID)
	cur := b.m.Current[x.ID]
	m := schedule.Meeting{
		ID:              key,
		DurationMinutes: x.DurationMin,
		Weight:          ptr(float64(x.Priority)),
		Earliest:        b.local(x.Earliest),
		Latest:          b.local(x.Latest),
		MinCapacity:     ptr(b.seats(x)),
	}
	if x.Interpretation {
		m.Features = []string{"interpretation"}
	}
	attendee := ""
	if id := b.w.requester(x); id != 0 {
		attendee = PersonID(id)
		m.Attendees = []string{attendee}
	}
	principals, weights := b.choices(x, cur)
	for i, pid := range principals {
		person := PersonID(b.m.principals[pid].PersonID)
		if person == attendee {
			continue
		}
		m.Alternatives = append(m.Alternatives, schedule.Alternative{Attendees: []string{person}, Weight: ptr(weights[i])})
		b.m.Principals[key] = append(b.m.Principals[key], pid)
	}
	if cur != nil {
		b.keep(&m, cur)
	}
	b.m.Requests[key] = x
	b.p.Meetings = append(b.p.Meetings, m)
}

// keep makes the meeting of a scheduled request mandatory, as long as it
// is now, with its place as previous, and fixed when it is pinned.
func (b *builder) keep(m *schedule.Meeting, cur *bilat.Meeting) {
	start := cur.Start.In(b.w.loc)
	m.DurationMinutes = int(cur.End.Sub(cur.Start) / time.Minute)
	m.Mandatory = true
	b.p.Previous = append(b.p.Previous, schedule.Placement{Meeting: m.ID, Start: start, Room: RoomID(cur.RoomID)})
	if cur.Pinned {
		m.Fixed = &schedule.Fixed{Start: start, Room: RoomID(cur.RoomID), Alternative: ptr(0)}
	}
}

// choices returns the principals who may receive a request and what the
// meeting is worth with each. A scheduled request keeps its principal. An
// accepted one may go to any principal it asked for, each rank of
// preference worth preferenceFactor of the one before, and, when the
// options allow, to a deputy of one of them at deputyFactor.
func (b *builder) choices(x *bilat.Request, cur *bilat.Meeting) ([]int64, []float64) {
	base := float64(x.Priority)
	if cur != nil {
		return []int64{cur.PrincipalID}, []float64{base}
	}
	targets := slices.Clone(x.Targets)
	slices.SortStableFunc(targets, func(a, b bilat.Target) int { return a.Preference - b.Preference })
	var ids []int64
	var weights []float64
	value := base
	for i, t := range targets {
		if i > 0 && t.Preference > targets[i-1].Preference {
			value *= preferenceFactor
		}
		if b.m.principals[t.PrincipalID] != nil {
			ids, weights = append(ids, t.PrincipalID), append(weights, cents(value))
		}
	}
	if b.opt.Deputies {
		for _, d := range b.deputiesOf(ids) {
			ids, weights = append(ids, d), append(weights, cents(base*deputyFactor))
		}
	}
	return ids, weights
}

// cents rounds a weight to hundredths, which is all the precision a
// priority needs, so that the problem reads 1.8 rather than 1.7999999999999998.
func cents(w float64) float64 { return math.Round(w*100) / 100 }

// deputiesOf returns the deputies of the principals ids who are not among
// them, in the order of the principals.
func (b *builder) deputiesOf(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		for _, p := range b.w.principals {
			if p.DeputyOf == id && !slices.Contains(ids, p.ID) && !slices.Contains(out, p.ID) {
				out = append(out, p.ID)
			}
		}
	}
	return out
}

// seats is the room capacity a request needs: the principal, a note-taker
// and the delegation's members (at least one), capped by MaxCapacity.
func (b *builder) seats(x *bilat.Request) int {
	members := 1
	if d := b.w.delegations[x.DelegationID]; d != nil {
		members = max(len(d.Members), 1)
	}
	return min(2+members, b.opt.MaxCapacity)
}

// local returns t in the event's zone, or nil.
func (b *builder) local(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	return ptr(t.In(b.w.loc))
}
