package plan

import (
	"cmp"
	"slices"
	"time"

	"bilat"
	"bilat/schedule"
)

// Propose compares a schedule of a problem that Build made with the state
// the problem was built from, and tells the difference as a proposal:
// accepted requests placed (new), scheduled meetings whose time, room or
// principal changed (moved) or that were left out (dropped), and accepted
// requests left out, with the engine's reasons in names a person reads.
// Assignments and reasons of meetings the mapping does not know are
// ignored; a meeting left out without a reason gets a plain one.
func Propose(p *schedule.Problem, m *Mapping, s *schedule.Schedule) *bilat.Proposal {
	out := newProposal(p, m, s)
	durations := map[string]int{}
	for _, x := range p.Meetings {
		durations[x.ID] = x.DurationMinutes
	}
	placed := map[string]bool{}
	for _, a := range s.Assignments {
		x := m.Requests[a.Meeting]
		if x == nil || placed[a.Meeting] {
			continue
		}
		placed[a.Meeting] = true
		pm := m.placement(x, a, durations[a.Meeting])
		switch cur := m.Current[x.ID]; {
		case cur == nil:
			out.New = append(out.New, pm)
		case changed(cur, pm):
			out.Moved = append(out.Moved, m.movedFrom(pm, cur))
		}
	}
	m.leftOut(out, p, s, placed)
	byStart := func(a, b bilat.ProposedMeeting) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.RequestID, b.RequestID))
	}
	slices.SortFunc(out.New, byStart)
	slices.SortFunc(out.Moved, byStart)
	return out
}

func newProposal(p *schedule.Problem, m *Mapping, s *schedule.Schedule) *bilat.Proposal {
	requests, meetings := m.versions()
	return &bilat.Proposal{
		EventID: m.Event.ID, Name: p.Name, Timezone: m.Event.Timezone,
		New: []bilat.ProposedMeeting{}, Moved: []bilat.ProposedMeeting{},
		Dropped: []bilat.ProposedMeeting{}, Unscheduled: []bilat.ProposalGap{},
		Score: s.Score, Bound: s.Bound, Versions: requests, MeetingVersions: meetings,
	}
}

// leftOut adds the meetings of the problem that the schedule does not
// place: scheduled ones as dropped, accepted ones as unscheduled.
func (m *Mapping) leftOut(out *bilat.Proposal, p *schedule.Problem, s *schedule.Schedule, placed map[string]bool) {
	why := map[string]schedule.Unscheduled{}
	for _, u := range s.Unscheduled {
		why[u.Meeting] = u
	}
	for _, pm := range p.Meetings {
		x := m.Requests[pm.ID]
		if x == nil || placed[pm.ID] {
			continue
		}
		if cur := m.Current[x.ID]; cur != nil {
			out.Dropped = append(out.Dropped, m.existing(x, cur))
			continue
		}
		out.Unscheduled = append(out.Unscheduled, m.gap(x, why[pm.ID]))
	}
}

// placement is the meeting the schedule makes of request x.
func (m *Mapping) placement(x *bilat.Request, a schedule.Assignment, minutes int) bilat.ProposedMeeting {
	start := a.Start.In(m.loc)
	pm := bilat.ProposedMeeting{
		RequestID: x.ID, PrincipalID: m.principalOf(a),
		Start: start, End: start.Add(time.Duration(minutes) * time.Minute),
		Delegation: m.Delegation(x),
	}
	if r := m.Rooms[a.Room]; r != nil {
		pm.RoomID, pm.Room = r.ID, r.Name
	}
	pm.Principal = m.PrincipalName(pm.PrincipalID)
	return pm
}

// principalOf returns the principal of the alternative an assignment
// holds; the first when it names none.
func (m *Mapping) principalOf(a schedule.Assignment) int64 {
	ids := m.Principals[a.Meeting]
	i := 0
	if a.Alternative != nil {
		i = *a.Alternative
	}
	if i < 0 || i >= len(ids) {
		return 0
	}
	return ids[i]
}

// changed reports whether a scheduled meeting would change.
func changed(cur *bilat.Meeting, pm bilat.ProposedMeeting) bool {
	return !cur.Start.Equal(pm.Start) || cur.RoomID != pm.RoomID || cur.PrincipalID != pm.PrincipalID
}

// movedFrom adds to a placement the meeting it moves and where it is now.
func (m *Mapping) movedFrom(pm bilat.ProposedMeeting, cur *bilat.Meeting) bilat.ProposedMeeting {
	from := cur.Start.In(m.loc)
	pm.MeetingID, pm.FromStart, pm.FromRoomID, pm.FromPrincipalID = cur.ID, &from, cur.RoomID, cur.PrincipalID
	pm.FromRoom = m.RoomName(cur.RoomID)
	return pm
}

// existing is a scheduled meeting where it is now.
func (m *Mapping) existing(x *bilat.Request, cur *bilat.Meeting) bilat.ProposedMeeting {
	return bilat.ProposedMeeting{
		RequestID: x.ID, MeetingID: cur.ID, PrincipalID: cur.PrincipalID,
		Start: cur.Start.In(m.loc), End: cur.End.In(m.loc), RoomID: cur.RoomID,
		Delegation: m.Delegation(x), Principal: m.PrincipalName(cur.PrincipalID), Room: m.RoomName(cur.RoomID),
	}
}

// gap is an accepted request left out, with the engine's reason.
func (m *Mapping) gap(x *bilat.Request, u schedule.Unscheduled) bilat.ProposalGap {
	g := bilat.ProposalGap{RequestID: x.ID, Delegation: m.Delegation(x), Code: u.Code, Reason: m.Readable(u.Reason), Fix: m.Readable(u.Fix)}
	if g.Code == "" {
		g.Code = "not_placed"
	}
	if g.Reason == "" {
		g.Reason = "the scheduler left it out without giving a reason"
	}
	return g
}
