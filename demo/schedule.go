package demo

import (
	"context"
	"time"

	"bilat"
)

// The Director General's invented working day, the idle minutes he keeps
// between two engagements, and the step at which meetings may start.
var (
	dayStart = hm(8, 0)
	dayEnd   = hm(21, 0)
)

const (
	buffer = 10 * time.Minute
	step   = 5 * time.Minute
)

// span is a busy period of the Director General.
type span struct{ start, end time.Time }

// holdMeetings schedules the meetings reported as held around the
// programme, one day after another in turn, and marks them held.
func (b *builder) holdMeetings(ctx context.Context) error {
	busy := make([]span, 0, len(b.sessions)+len(b.parties))
	for _, s := range b.sessions {
		busy = append(busy, span{s.Start, s.End})
	}
	n := 0
	for _, c := range b.parties {
		if !c.held {
			continue
		}
		length := time.Duration(c.request.DurationMin) * time.Minute
		start, ok := b.place(busy, n, length)
		if !ok {
			return bilat.Errorf(bilat.EINTERNAL, "no time is left for the meeting with %s", c.partner.Code)
		}
		busy = append(busy, span{start, start.Add(length)})
		// Meeting n is placed on day n first, so rotate rooms by n/ndays
		// to use every room on each day.
		if err := b.hold(ctx, c, start, b.rooms[(n/b.ndays)%len(b.rooms)]); err != nil {
			return err
		}
		n++
	}
	return nil
}

// place returns the earliest free start for meeting n, trying day n first
// (in rotation) so that the meetings spread over the event.
func (b *builder) place(busy []span, n int, length time.Duration) (time.Time, bool) {
	for d := range b.ndays {
		day := b.day((n + d) % b.ndays)
		for t := day.Add(dayStart); !t.Add(length).After(day.Add(dayEnd)); t = t.Add(step) {
			if free(busy, t, t.Add(length)) {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// free reports whether [start, end) keeps the buffer from every busy span.
func free(busy []span, start, end time.Time) bool {
	for _, s := range busy {
		if start.Before(s.end.Add(buffer)) && s.start.Before(end.Add(buffer)) {
			return false
		}
	}
	return true
}

// hold schedules counterpart c's request, completes its meeting and moves
// it to held, as the desk would have done at the time.
func (b *builder) hold(ctx context.Context, c *counterpart, start time.Time, room *bilat.Room) error {
	r, err := b.desk.TransitionRequest(ctx, b.actor, c.request.ID, bilat.Transition{
		To: bilat.StatusScheduled, Version: c.request.Version,
		Start: &start, RoomID: room.ID, PrincipalID: b.principal.ID,
	})
	if err != nil {
		return err
	}
	m, err := b.meetingOf(ctx, c)
	if err != nil {
		return err
	}
	m.Participants = []int64{b.dg.ID, c.head.ID}
	if err := b.desk.UpdateMeeting(ctx, b.actor, m); err != nil {
		return err
	}
	c.request, err = b.desk.TransitionRequest(ctx, b.actor, r.ID, bilat.Transition{To: bilat.StatusHeld, Version: r.Version})
	c.meeting = m
	return err
}

// meetingOf returns the meeting made by scheduling c's request.
func (b *builder) meetingOf(ctx context.Context, c *counterpart) (*bilat.Meeting, error) {
	list, _, err := b.desk.ListMeetings(ctx, bilat.MeetingFilter{EventID: b.event.ID, DelegationID: c.delegation.ID})
	if err != nil {
		return nil, err
	}
	for _, m := range list {
		if m.RequestID == c.request.ID {
			return m, nil
		}
	}
	return nil, bilat.Errorf(bilat.ENOTFOUND, "scheduling the request of %s made no meeting", c.partner.Code)
}
