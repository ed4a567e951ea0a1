package plan

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"bilat"
	"bilat/schedule"
)

// people lists the principals and, for each request to place, the person
// who attends for the requesting delegation, each with the times taken by
// the programme and by meetings already held or missed. The principals
// keep their buffer around those times too, as they do between two
// bilaterals. Busy times may overlap; each keeps its own reason, which the
// engine quotes.
func (b *builder) people() {
	host := ""
	if p := b.w.partners[b.w.event.HostPartnerID]; p != nil {
		host = p.Code
	}
	for _, pr := range b.w.principals {
		b.addPerson(pr.PersonID, host, b.opt.BufferMinutes, pr.MaxMeetingsPerDay)
	}
	for _, x := range b.w.open() {
		if id := b.w.requester(x); id != 0 {
			b.addPerson(id, b.w.partnerOf(x.DelegationID).Code, 0, 0)
		}
	}
}

// addPerson adds person id to the problem once.
func (b *builder) addPerson(id int64, party string, buffer, perDay int) {
	key := PersonID(id)
	if _, ok := b.m.People[key]; ok {
		return
	}
	b.m.People[key] = b.w.people[id]
	p := schedule.Person{ID: key, Party: party, BufferMinutes: buffer}
	if perDay > 0 {
		p.MaxMeetingsPerDay = ptr(perDay)
	}
	for _, s := range sorted(b.personBusy(id, buffer)) {
		p.Unavailable = append(p.Unavailable, schedule.Unavailable{Start: s.start, End: s.end, Reason: s.reason})
	}
	b.p.People = append(b.p.People, p)
}

// personBusy returns the sessions person id attends and the meetings held
// or missed that they were at, widened by buffer minutes on each side.
func (b *builder) personBusy(id int64, buffer int) []span {
	pad := time.Duration(buffer) * time.Minute
	loc := b.w.loc
	var out []span
	for _, s := range b.w.sessions {
		if b.attends(s, id) {
			reason := s.Title + " (" + strings.ReplaceAll(string(s.Kind), "_", " ") + ")"
			out = append(out, span{start: s.Start.In(loc).Add(-pad), end: s.End.In(loc).Add(pad), reason: reason})
		}
	}
	for _, m := range b.w.meetings {
		if past(m) && b.wasAt(m, id) {
			reason := "meeting with " + b.w.partnerOf(b.w.delegationOf(m.RequestID)).NameEN + " (" + strings.ReplaceAll(string(m.Status), "_", " ") + ")"
			out = append(out, span{start: m.Start.In(loc).Add(-pad), end: m.End.In(loc).Add(pad), reason: reason})
		}
	}
	return out
}

// attends reports whether person id attends session s. A session that
// names no attendees is attended by every head of delegation and every
// principal (see bilat.ProgrammeSession).
func (b *builder) attends(s *bilat.ProgrammeSession, id int64) bool {
	if len(s.Attendees) > 0 {
		return slices.Contains(s.Attendees, id)
	}
	if b.m.isPrincipal(id) {
		return true
	}
	for _, d := range b.w.delegations {
		if d.HeadID == id {
			return true
		}
	}
	return false
}

// wasAt reports whether person id was at meeting m: as its principal, as
// a participant, or as the one who asked for it.
func (b *builder) wasAt(m *bilat.Meeting, id int64) bool {
	if pr := b.m.principals[m.PrincipalID]; pr != nil && pr.PersonID == id {
		return true
	}
	if slices.Contains(m.Participants, id) {
		return true
	}
	x := b.w.requests[m.RequestID]
	return x != nil && b.w.requester(x) == id
}

// delegationOf returns the delegation that made request id, 0 if unknown.
func (w *world) delegationOf(requestID int64) int64 {
	if x := w.requests[requestID]; x != nil {
		return x.DelegationID
	}
	return 0
}

// partnerOf returns the partner of delegation id; an empty partner when it
// is unknown, so that names degrade rather than fail.
func (w *world) partnerOf(delegationID int64) *bilat.Partner {
	if d := w.delegations[delegationID]; d != nil {
		if p := w.partners[d.PartnerID]; p != nil {
			return p
		}
	}
	return &bilat.Partner{}
}

// span is a busy period and why.
type span struct {
	start, end time.Time
	reason     string
}

// sorted returns spans in time order.
func sorted(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return cmp.Or(a.start.Compare(b.start), a.end.Compare(b.end)) })
	return spans
}
