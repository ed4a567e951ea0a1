package server

import (
	"context"
	"slices"
	"time"

	"bilat"
)

// The dashboard's alert rules are plain functions of the desk's records
// and the current time, so that tests can give them made-up situations.

// Thresholds of the alerts.
const (
	// waitingLimit is how long a request may stay unanswered.
	dashboardWaitingLimit = 24 * time.Hour
	// breakMin is the shortest gap between two engagements that counts as
	// a break.
	dashboardBreakMin = 15 * time.Minute
	// stretchMax is how long a principal may go without a break.
	dashboardStretchMax = 3 * time.Hour
)

// conflict is two meetings that overlap on one principal or one room.
type dashboardConflict struct {
	A, B          *bilat.Meeting
	SamePrincipal bool
	SameRoom      bool
}

// booked reports whether a meeting holds its principal's and room's time.
func dashboardBooked(m *bilat.Meeting) bool {
	return m.Status == bilat.StatusScheduled || m.Status == bilat.StatusHeld
}

// overlap reports whether [aStart, aEnd) and [bStart, bEnd) share time.
func dashboardOverlap(aStart, aEnd, bStart, bEnd time.Time) bool {
	return aStart.Before(bEnd) && bStart.Before(aEnd)
}

// findConflicts lists the pairs of booked meetings that overlap on one
// principal or one room. The store refuses such bookings, but imported or
// older data may hold some.
func dashboardConflicts(meetings []*bilat.Meeting) []dashboardConflict {
	var live []*bilat.Meeting
	for _, m := range meetings {
		if dashboardBooked(m) {
			live = append(live, m)
		}
	}
	slices.SortFunc(live, func(a, b *bilat.Meeting) int { return a.Start.Compare(b.Start) })
	var out []dashboardConflict
	for i, a := range live {
		for _, b := range live[i+1:] {
			if !b.Start.Before(a.End) {
				break // sorted by start: no later meeting overlaps a
			}
			c := dashboardConflict{A: a, B: b, SamePrincipal: a.PrincipalID == b.PrincipalID, SameRoom: a.RoomID == b.RoomID}
			if c.SamePrincipal || c.SameRoom {
				out = append(out, c)
			}
		}
	}
	return out
}

// waiting lists the requests still in status requested that arrived more
// than waitingLimit before now, oldest first.
func dashboardWaiting(requests []*bilat.Request, now time.Time) []*bilat.Request {
	var out []*bilat.Request
	for _, r := range requests {
		if r.Status == bilat.StatusRequested && now.Sub(r.CreatedAt) > dashboardWaitingLimit {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *bilat.Request) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out
}

// unscheduled lists the accepted requests that have no meeting yet.
func dashboardUnscheduled(requests []*bilat.Request) []*bilat.Request {
	var out []*bilat.Request
	for _, r := range requests {
		if r.Status == bilat.StatusAccepted {
			out = append(out, r)
		}
	}
	return out
}

// span is a stretch of someone's time.
type dashboardSpan struct{ Start, End time.Time }

// attends reports whether a principal's person attends a programme
// session: sessions without attendees are for every head and principal.
func dashboardAttends(s *bilat.ProgrammeSession, personID int64) bool {
	return len(s.Attendees) == 0 || slices.Contains(s.Attendees, personID)
}

// principalBusy is a principal's booked time: their booked meetings and
// the programme sessions they attend.
func dashboardBusy(p *bilat.Principal, meetings []*bilat.Meeting, sessions []*bilat.ProgrammeSession) []dashboardSpan {
	var out []dashboardSpan
	for _, m := range meetings {
		if dashboardBooked(m) && m.PrincipalID == p.ID {
			out = append(out, dashboardSpan{m.Start, m.End})
		}
	}
	for _, s := range sessions {
		if dashboardAttends(s, p.PersonID) {
			out = append(out, dashboardSpan{s.Start, s.End})
		}
	}
	return out
}

// noBreak returns the stretches of busy time without a break: spans
// separated by less than breakMin are joined, and the joined stretches
// that last stretchMax or more are returned in time order.
func dashboardNoBreak(busy []dashboardSpan) []dashboardSpan {
	busy = slices.Clone(busy)
	slices.SortFunc(busy, func(a, b dashboardSpan) int { return a.Start.Compare(b.Start) })
	var out []dashboardSpan
	for i := 0; i < len(busy); {
		cur := busy[i]
		i++
		for i < len(busy) && busy[i].Start.Sub(cur.End) < dashboardBreakMin {
			if busy[i].End.After(cur.End) {
				cur.End = busy[i].End
			}
			i++
		}
		if cur.End.Sub(cur.Start) >= dashboardStretchMax {
			out = append(out, cur)
		}
	}
	return out
}

// dashboardActionsDue counts an event's open follow-up actions that are
// overdue (due before today) and those due from today to soon (dates are
// YYYY-MM-DD in the event's zone).
func dashboardActionsDue(actions []*bilat.Action, today, soon string) (overdue, dueSoon int) {
	for _, x := range actions {
		switch {
		case x.Overdue(today):
			overdue++
		case x.Status == bilat.ActionOpen && x.Due >= today && x.Due <= soon:
			dueSoon++
		}
	}
	return overdue, dueSoon
}

// dashboardActionAlerts fills the reminders of the event's follow-up
// actions, counted in the event's time zone.
func (s *Server) dashboardActionAlerts(ctx context.Context, v *view, d *dashboard, now time.Time) error {
	xs, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Action, int, error) {
		return s.desk.ListActions(ctx, bilat.ActionFilter{EventID: v.Event.ID, Status: bilat.ActionOpen, Page: p})
	})
	if err != nil {
		return err
	}
	d.ActionsOverdue, d.ActionsSoon = dashboardActionsDue(xs, actionsDay(now, v.Zone, 0), actionsDay(now, v.Zone, actionsSoonDays))
	return nil
}
