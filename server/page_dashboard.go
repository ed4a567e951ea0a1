package server

import (
	"context"
	"net/http"
	"slices"
	"time"

	"bilat"
	"bilat/geo"
)

// dashboardPages is the event's dashboard: the day's programme at a
// glance, the counts of the desk and the alerts that need someone.
func (s *Server) dashboardPages() []pageRoute {
	return []pageRoute{
		{"GET", "/events/{event}/{$}", staff | viewer, s.dashboardPage},
	}
}

// dashboard is the data of the dashboard page.
type dashboard struct {
	Day         dashboardDay
	Days        []dashboardDay
	Agenda      []dashboardRow // the day's meetings and sessions in time order
	DayMeetings int
	Statuses    []dashboardStatus
	Requests    int
	Scheduled   int
	Held        int
	Regions     []dashboardRegion
	Conflicts   []dashboardConflictRow
	Unscheduled []dashboardRequest
	Waiting     []dashboardRequest
	NoBreaks    []dashboardNoBreakRow
	// ActionsOverdue and ActionsSoon count the event's open follow-up
	// actions past due and due within actionsSoonDays.
	ActionsOverdue, ActionsSoon int
	// Agreements are the registry's expiry and review alerts.
	Agreements []agreementsAlert
}

// Alerts is the number of alerts of every kind.
func (d *dashboard) Alerts() int {
	return len(d.Conflicts) + len(d.Unscheduled) + len(d.Waiting) + len(d.NoBreaks) + d.ActionsOverdue + d.ActionsSoon + len(d.Agreements)
}

// agendaRow is one line of a day's programme: a meeting, or a programme
// session when Session is set. Times are in the event's zone.
type dashboardRow struct {
	Start, End  time.Time
	MeetingID   int64
	Status      bilat.RequestStatus
	Principal   string
	Counterpart string
	PartnerCode string
	Room        string
	Session     string
	Kind        bilat.SessionKind
}

// statusCount is the number of requests in one status.
type dashboardStatus struct {
	Status bilat.RequestStatus
	Count  int
}

// regionCount is the number of counterparts of one region that asked for
// a meeting, and of those that have one booked.
type dashboardRegion struct {
	Name         string
	Counterparts int
	Met          int
}

// conflictRow is two meetings booked at once on a principal or a room.
type dashboardConflictRow struct {
	A, B          dashboardRow
	Day           string
	SamePrincipal bool
	SameRoom      bool
}

// requestRow is a request named in an alert.
type dashboardRequest struct {
	ID          int64
	Counterpart string
	Principal   string
	Since       time.Time
}

// noBreakRow is a principal's stretch of engagements without a break.
type dashboardNoBreakRow struct {
	Principal  string
	Start, End time.Time
	Day        string
}

// dashboardPage serves the dashboard; an htmx request for another day
// gets only the day's programme.
func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request, v *view) error {
	if userOf(r).Role == bilat.RoleViewer {
		// A viewer reads reports only: the figures, without names.
		redirect(w, r, v.EventURL("/figures"))
		return nil
	}
	now := time.Now()
	days := dashboardDays(v.Event, v.Zone)
	day, err := dashboardPickDay(r, days, now)
	if err != nil {
		return err
	}
	d, requests, meetings, err := s.loadDesk(r.Context(), v.Event)
	if err != nil {
		return err
	}
	b := &dashboardBuilder{v: v, d: d, requests: map[int64]*bilat.Request{}}
	for _, x := range requests {
		b.requests[x.ID] = x
	}
	out := b.build(requests, meetings, day, days, now)
	if err := s.dashboardActionAlerts(r.Context(), v, out, now); err != nil {
		return err
	}
	rows, err := s.agreementsRows(r.Context(), bilat.AgreementFilter{})
	if err != nil {
		return err
	}
	out.Agreements = agreementsAlerts(rows, agreementsDay(actionsDay(now, v.Zone, 0)))
	v.Title, v.Nav, v.Data = v.L.T("dashboard.title"), "dashboard", out
	// htmx marks its history restores as htmx requests too, but a restore
	// needs the whole page.
	w.Header().Add("Vary", "HX-Request")
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true" {
		return s.renderBlock(w, http.StatusOK, "dashboard", "dashboard-day", v)
	}
	return s.render(w, http.StatusOK, "dashboard", v)
}

// loadDesk reads an event's parts with all its requests and meetings.
func (s *Server) loadDesk(ctx context.Context, e *bilat.Event) (*EventData, []*bilat.Request, []*bilat.Meeting, error) {
	d, err := s.loadEvent(ctx, e)
	if err != nil {
		return nil, nil, nil, err
	}
	requests, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Request, int, error) {
		return s.desk.ListRequests(ctx, bilat.RequestFilter{EventID: e.ID, Page: p})
	})
	if err != nil {
		return nil, nil, nil, err
	}
	meetings, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Meeting, int, error) {
		return s.desk.ListMeetings(ctx, bilat.MeetingFilter{EventID: e.ID, Page: p})
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return d, requests, meetings, nil
}

// dashboardBuilder turns the desk's records into the dashboard's rows,
// with names in the reader's language and times in the event's zone.
type dashboardBuilder struct {
	v        *view
	d        *EventData
	requests map[int64]*bilat.Request
}

// build assembles the whole dashboard.
func (b *dashboardBuilder) build(requests []*bilat.Request, meetings []*bilat.Meeting, day dashboardDay, days []dashboardDay, now time.Time) *dashboard {
	out := &dashboard{Day: day, Days: days, Requests: len(requests)}
	out.Agenda, out.DayMeetings = b.agenda(meetings, day)
	out.Statuses = dashboardStatusCounts(requests)
	for _, m := range meetings {
		switch m.Status {
		case bilat.StatusScheduled:
			out.Scheduled++
		case bilat.StatusHeld:
			out.Held++
		}
	}
	out.Regions = b.regions(requests, meetings)
	for _, c := range dashboardConflicts(meetings) {
		out.Conflicts = append(out.Conflicts, dashboardConflictRow{A: b.meetingRow(c.A), B: b.meetingRow(c.B),
			Day: b.v.Local(c.A.Start).Format(bilat.DateLayout), SamePrincipal: c.SamePrincipal, SameRoom: c.SameRoom})
	}
	for _, r := range dashboardUnscheduled(requests) {
		out.Unscheduled = append(out.Unscheduled, b.requestRow(r))
	}
	for _, r := range dashboardWaiting(requests, now) {
		out.Waiting = append(out.Waiting, b.requestRow(r))
	}
	out.NoBreaks = b.noBreaks(meetings)
	return out
}

// agenda lists the day's booked meetings and programme sessions in time
// order, and counts the meetings.
func (b *dashboardBuilder) agenda(meetings []*bilat.Meeting, day dashboardDay) ([]dashboardRow, int) {
	var rows []dashboardRow
	n := 0
	for _, m := range meetings {
		if dashboardBooked(m) && dashboardWithin(m.Start, day.Start) {
			rows = append(rows, b.meetingRow(m))
			n++
		}
	}
	for _, s := range b.d.Sessions {
		if dashboardWithin(s.Start, day.Start) {
			rows = append(rows, dashboardRow{Start: b.v.Local(s.Start), End: b.v.Local(s.End), Session: s.Title, Kind: s.Kind})
		}
	}
	slices.SortStableFunc(rows, func(x, y dashboardRow) int { return x.Start.Compare(y.Start) })
	return rows, n
}

// meetingRow describes a meeting with its names.
func (b *dashboardBuilder) meetingRow(m *bilat.Meeting) dashboardRow {
	row := dashboardRow{Start: b.v.Local(m.Start), End: b.v.Local(m.End), MeetingID: m.ID, Status: m.Status,
		Principal: b.d.PrincipalName(m.PrincipalID), Room: b.d.RoomName(m.RoomID)}
	if r := b.requests[m.RequestID]; r != nil {
		if p := b.d.DelegationPartner(r.DelegationID); p != nil {
			row.Counterpart, row.PartnerCode = b.v.PartnerName(p), p.Code
		}
	}
	return row
}

// requestRow describes a request with its counterpart and the principal
// it asks for first.
func (b *dashboardBuilder) requestRow(r *bilat.Request) dashboardRequest {
	row := dashboardRequest{ID: r.ID, Counterpart: b.v.PartnerName(b.d.DelegationPartner(r.DelegationID)), Since: b.v.Local(r.CreatedAt)}
	targets := slices.Clone(r.Targets)
	slices.SortStableFunc(targets, func(x, y bilat.Target) int { return x.Preference - y.Preference })
	if len(targets) > 0 {
		row.Principal = b.d.PrincipalName(targets[0].PrincipalID)
	}
	return row
}

// statusCounts counts the requests of each status, in the order of the
// status machine.
func dashboardStatusCounts(requests []*bilat.Request) []dashboardStatus {
	n := map[bilat.RequestStatus]int{}
	for _, r := range requests {
		n[r.Status]++
	}
	out := make([]dashboardStatus, len(bilat.RequestStatuses))
	for i, st := range bilat.RequestStatuses {
		out[i] = dashboardStatus{Status: st, Count: n[st]}
	}
	return out
}

// regions counts the counterparts that made requests by UN M49
// continent, and those of them with a booked meeting; organisations,
// which have no continent, come last in a group of their own.
func (b *dashboardBuilder) regions(requests []*bilat.Request, meetings []*bilat.Meeting) []dashboardRegion {
	met := map[int64]bool{}
	for _, m := range meetings {
		if r := b.requests[m.RequestID]; r != nil && dashboardBooked(m) {
			if p := b.d.DelegationPartner(r.DelegationID); p != nil {
				met[p.ID] = true
			}
		}
	}
	counted := map[int64]bool{}
	byRegion := map[string]*dashboardRegion{}
	for _, r := range requests {
		p := b.d.DelegationPartner(r.DelegationID)
		if p == nil || counted[p.ID] {
			continue
		}
		counted[p.ID] = true
		c := byRegion[p.Region]
		if c == nil {
			c = &dashboardRegion{}
			byRegion[p.Region] = c
		}
		c.Counterparts++
		if met[p.ID] {
			c.Met++
		}
	}
	return b.regionRows(byRegion)
}

// regionRows orders the regions as the UN M49 list does and names them.
func (b *dashboardBuilder) regionRows(byRegion map[string]*dashboardRegion) []dashboardRegion {
	var out []dashboardRegion
	scheme, _ := geo.BuiltinScheme(geo.SchemeContinents)
	for _, region := range scheme.Regions {
		if c := byRegion[region.Code]; c != nil {
			c.Name = region.Name(b.v.L.Lang)
			out = append(out, *c)
			delete(byRegion, region.Code)
		}
	}
	// What is left has no continent: organisations (and codes the scheme
	// does not know, which should not happen).
	other := dashboardRegion{Name: b.v.L.T("dashboard.region.other")}
	for _, c := range byRegion {
		other.Counterparts += c.Counterparts
		other.Met += c.Met
	}
	if other.Counterparts > 0 {
		out = append(out, other)
	}
	return out
}

// noBreaks finds, for each principal, the stretches of three hours or
// more without a break.
func (b *dashboardBuilder) noBreaks(meetings []*bilat.Meeting) []dashboardNoBreakRow {
	var out []dashboardNoBreakRow
	for _, p := range b.d.Principals {
		for _, st := range dashboardNoBreak(dashboardBusy(p, meetings, b.d.Sessions)) {
			start := b.v.Local(st.Start)
			out = append(out, dashboardNoBreakRow{Principal: b.d.PrincipalName(p.ID), Start: start, End: b.v.Local(st.End), Day: start.Format(bilat.DateLayout)})
		}
	}
	slices.SortFunc(out, func(x, y dashboardNoBreakRow) int { return x.Start.Compare(y.Start) })
	return out
}
