package server

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"time"

	"bilat"
)

// The programme is a timeline grid of one event day: a row per principal,
// room or delegation, time running across from 08:00 to 20:00 in the
// event's zone, meetings drawn as blocks and the programme's sessions as
// blocked time on the rows of the people they hold. CSP forbids style
// attributes, so a block is placed by classes naming its grid column
// (at-N) and its length (len-N) in steps of progStep minutes; in Arabic
// the grid's columns run right to left by themselves (dir=rtl). The same
// items are listed as a table (view=table), the accessible version.

// programmePages are the programme's routes.
func (s *Server) programmePages() []pageRoute {
	return []pageRoute{
		{"GET", "/events/{event}/programme", staff, s.programmePage},
		{"POST", "/events/{event}/programme/propose", staff, s.programmePropose},
		{"POST", "/events/{event}/programme/apply", staff, s.programmeApply},
		{"GET", "/meetings/{id}/slots", staff, s.programmeSlots},
		{"POST", "/meetings/{id}/move", staff, s.programmeMove},
		{"POST", "/meetings/{id}/pin", staff, s.programmePin},
	}
}

// The grid's hours and step.
const (
	progFirstHour = 8
	progLastHour  = 20
	progStep      = 5 // minutes per grid column
	progColumns   = (progLastHour - progFirstHour) * 60 / progStep
)

// progBys are the ways the grid's rows are cut, the first the default.
var progBys = []string{"principal", "room", "delegation"}

// progView is where a programme page stands: its day, rows and view.
type progView struct {
	Day   string // YYYY-MM-DD
	By    string // principal, room or delegation
	Table bool
}

// progViewOf reads the programme's place from a query or a form, falling
// back to the event's first day (or today, during the event).
func progViewOf(values url.Values, e *bilat.Event, zone *time.Location) progView {
	pv := progView{Day: values.Get("day"), By: values.Get("by"), Table: values.Get("view") == "table"}
	if !slices.Contains(progBys, pv.By) {
		pv.By = progBys[0]
	}
	if _, err := bilat.ParseDate(pv.Day); err != nil || pv.Day < e.FirstDay || pv.Day > e.LastDay {
		pv.Day = e.FirstDay
		if today := time.Now().In(zone).Format(time.DateOnly); today >= e.FirstDay && today <= e.LastDay {
			pv.Day = today
		}
	}
	return pv
}

// query is the programme's query string for this place.
func (pv progView) query() string {
	q := url.Values{"day": {pv.Day}, "by": {pv.By}}
	if pv.Table {
		q.Set("view", "table")
	}
	return q.Encode()
}

// progDay is one tab of the day tabs.
type progDay struct {
	Date    string
	Time    time.Time // local midnight, for the locale's formats
	Current bool
}

// progItem is a meeting or a programme session on the grid and in the table.
type progItem struct {
	Meeting   *bilat.Meeting // nil for a session
	Session   *bilat.ProgrammeSession
	Partner   *bilat.Partner // the counterpart of a meeting
	Principal string
	Room      string
	Start     time.Time // local
	End       time.Time
	Col, Span int // grid column (1-based) and columns spanned
}

// Movable reports whether the item is a meeting that may still move.
func (it progItem) Movable() bool {
	return it.Meeting != nil && it.Meeting.Status == bilat.StatusScheduled
}

// progRow is one row of the grid.
type progRow struct {
	ID    int64
	Label string
	Latin bool // the label is a person's or room's name in Latin script
	Items []progItem
}

// progHour is one hour mark of the grid's head.
type progHour struct {
	Time time.Time
	Col  int
}

// programmeData is the programme page's data.
type programmeData struct {
	progView
	Days     []progDay
	Bys      []string
	Hours    []progHour
	Rows     []progRow
	Items    []progItem // every item of the day once, by start, for the table
	Meetings int        // meetings of the day
	Notice   string     // what the last action did
}

// URL is the programme with some of its place changed: pairs of key and
// value among day, by and view.
func (d *programmeData) URL(kv ...string) string {
	pv := d.progView
	for i := 0; i+1 < len(kv); i += 2 {
		switch kv[i] {
		case "day":
			pv.Day = kv[i+1]
		case "by":
			pv.By = kv[i+1]
		case "view":
			pv.Table = kv[i+1] == "table"
		}
	}
	return "?" + pv.query()
}

// Place is where the programme stands, for forms that return to it.
func (d *programmeData) Place() progView { return d.progView }

// Query is the programme's query string, for links that return to it.
func (d *programmeData) Query() string { return d.query() }

// programmePage serves the grid or the table of one day.
func (s *Server) programmePage(w http.ResponseWriter, r *http.Request, v *view) error {
	pv := progViewOf(r.URL.Query(), v.Event, v.Zone)
	d, err := s.programmeOf(r.Context(), v, pv)
	if err != nil {
		return err
	}
	d.Notice = progNotice(v, r.URL.Query())
	v.Title, v.Nav, v.Data = v.L.T("programme.title"), "programme", d
	return s.render(w, http.StatusOK, "programme", v)
}

// progNotice tells what the action that led here did.
func progNotice(v *view, q url.Values) string {
	switch q.Get("done") {
	case "moved":
		return v.L.T("programme.notice.moved")
	case "pinned":
		return v.L.T("programme.notice.pinned")
	case "unpinned":
		return v.L.T("programme.notice.unpinned")
	case "applied":
		return v.L.T("programme.notice.applied")
	}
	return ""
}

// progWorld is what the programme's pages look names up in: the event's
// parts and its requests by id.
type progWorld struct {
	*EventData
	Requests map[int64]*bilat.Request
}

// programmeWorld loads the event's parts and requests.
func (s *Server) programmeWorld(ctx context.Context, e *bilat.Event) (*progWorld, error) {
	ed, err := s.loadEvent(ctx, e)
	if err != nil {
		return nil, err
	}
	requests, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Request, int, error) {
		return s.desk.ListRequests(ctx, bilat.RequestFilter{EventID: e.ID, Page: p})
	})
	if err != nil {
		return nil, err
	}
	pw := &progWorld{EventData: ed, Requests: map[int64]*bilat.Request{}}
	for _, x := range requests {
		pw.Requests[x.ID] = x
	}
	return pw, nil
}

// Counterpart is the partner that asked for meeting m.
func (pw *progWorld) Counterpart(m *bilat.Meeting) *bilat.Partner {
	if x := pw.Requests[m.RequestID]; x != nil {
		return pw.DelegationPartner(x.DelegationID)
	}
	return nil
}

// programmeOf builds the programme of one day.
func (s *Server) programmeOf(ctx context.Context, v *view, pv progView) (*programmeData, error) {
	pw, err := s.programmeWorld(ctx, v.Event)
	if err != nil {
		return nil, err
	}
	meetings, err := s.programmeMeetings(ctx, v.Event.ID, pv.Day)
	if err != nil {
		return nil, err
	}
	day, _ := time.ParseInLocation(time.DateOnly, pv.Day, v.Zone)
	d := &programmeData{progView: pv, Bys: progBys, Meetings: len(meetings), Days: progDays(v.Event, v.Zone, pv.Day)}
	for h := progFirstHour; h < progLastHour; h++ {
		d.Hours = append(d.Hours, progHour{Time: day.Add(time.Duration(h) * time.Hour), Col: (h-progFirstHour)*60/progStep + 1})
	}
	sessions := progSessionsOn(pw, v.Zone, pv.Day)
	g := progGrid{pw: pw, v: v, origin: day.Add(progFirstHour * time.Hour)}
	switch pv.By {
	case "room":
		d.Rows = g.byRoom(meetings)
	case "delegation":
		d.Rows = g.byDelegation(meetings, sessions)
	default:
		d.Rows = g.byPrincipal(meetings, sessions)
	}
	for _, m := range meetings {
		d.Items = append(d.Items, g.meeting(m))
	}
	for _, x := range sessions {
		d.Items = append(d.Items, g.session(x))
	}
	slices.SortStableFunc(d.Items, func(a, b progItem) int { return a.Start.Compare(b.Start) })
	return d, nil
}

// programmeMeetings lists the meetings of a day that take time: scheduled,
// held or missed (cancelled ones are no longer on the programme).
func (s *Server) programmeMeetings(ctx context.Context, eventID int64, day string) ([]*bilat.Meeting, error) {
	list, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Meeting, int, error) {
		return s.desk.ListMeetings(ctx, bilat.MeetingFilter{EventID: eventID, Day: day, Page: p})
	})
	if err != nil {
		return nil, err
	}
	out := slices.DeleteFunc(list, func(m *bilat.Meeting) bool { return !progOnProgramme(m) })
	slices.SortStableFunc(out, func(a, b *bilat.Meeting) int { return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID)) })
	return out, nil
}

// progOnProgramme reports whether a meeting takes its time and room.
func progOnProgramme(m *bilat.Meeting) bool {
	return m.Status == bilat.StatusScheduled || m.Status == bilat.StatusHeld || m.Status == bilat.StatusNoShow
}

// progDays lists the event's days as tabs.
func progDays(e *bilat.Event, zone *time.Location, current string) []progDay {
	first, err1 := time.ParseInLocation(time.DateOnly, e.FirstDay, zone)
	last, err2 := time.ParseInLocation(time.DateOnly, e.LastDay, zone)
	if err1 != nil || err2 != nil {
		return nil
	}
	var out []progDay
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		date := d.Format(time.DateOnly)
		out = append(out, progDay{Date: date, Time: d, Current: date == current})
	}
	return out
}

// progSessionsOn lists the programme sessions that touch a day, by start.
func progSessionsOn(pw *progWorld, zone *time.Location, day string) []*bilat.ProgrammeSession {
	var out []*bilat.ProgrammeSession
	for _, x := range pw.Sessions {
		if x.Start.In(zone).Format(time.DateOnly) <= day && x.End.In(zone).Format(time.DateOnly) >= day {
			out = append(out, x)
		}
	}
	slices.SortStableFunc(out, func(a, b *bilat.ProgrammeSession) int { return a.Start.Compare(b.Start) })
	return out
}

// progAttends reports whether person id attends session x; a session that
// names no attendees holds every principal and every head of delegation
// (see bilat.ProgrammeSession).
func progAttends(pw *progWorld, x *bilat.ProgrammeSession, id int64) bool {
	if len(x.Attendees) > 0 {
		return slices.Contains(x.Attendees, id)
	}
	for _, p := range pw.Principals {
		if p.PersonID == id {
			return true
		}
	}
	for _, d := range pw.Delegations {
		if d.HeadID == id {
			return true
		}
	}
	return false
}

// progGrid places items on the grid of one day.
type progGrid struct {
	pw     *progWorld
	v      *view
	origin time.Time // the grid's first minute
}

// place sets an item's column and span, clipped to the grid.
func (g progGrid) place(it *progItem) {
	first := int(it.Start.Sub(g.origin)/time.Minute) / progStep
	last := (int(it.End.Sub(g.origin)/time.Minute) + progStep - 1) / progStep
	first, last = max(first, 0), min(last, progColumns)
	it.Col, it.Span = first+1, max(last-first, 1)
	if first >= progColumns {
		it.Col, it.Span = progColumns, 1
	}
}

// meeting is a meeting as an item.
func (g progGrid) meeting(m *bilat.Meeting) progItem {
	it := progItem{Meeting: m, Partner: g.pw.Counterpart(m), Principal: g.pw.PrincipalName(m.PrincipalID),
		Room: g.pw.RoomName(m.RoomID), Start: g.v.Local(m.Start), End: g.v.Local(m.End)}
	g.place(&it)
	return it
}

// session is a programme session as an item.
func (g progGrid) session(x *bilat.ProgrammeSession) progItem {
	it := progItem{Session: x, Start: g.v.Local(x.Start), End: g.v.Local(x.End)}
	if venue := g.pw.Venues[x.VenueID]; venue != nil {
		it.Room = venue.Name
	}
	g.place(&it)
	return it
}

// byPrincipal makes a row per principal (principals before deputies),
// with their meetings and the sessions they attend.
func (g progGrid) byPrincipal(meetings []*bilat.Meeting, sessions []*bilat.ProgrammeSession) []progRow {
	principals := make([]*bilat.Principal, 0, len(g.pw.Principals))
	for _, p := range g.pw.Principals {
		principals = append(principals, p)
	}
	slices.SortFunc(principals, func(a, b *bilat.Principal) int {
		return cmp.Or(cmp.Compare(min(a.DeputyOf, 1), min(b.DeputyOf, 1)), cmp.Compare(a.ID, b.ID))
	})
	var rows []progRow
	for _, p := range principals {
		row := progRow{ID: p.ID, Label: g.pw.PrincipalName(p.ID), Latin: true}
		for _, x := range sessions {
			if progAttends(g.pw, x, p.PersonID) {
				row.Items = append(row.Items, g.session(x))
			}
		}
		for _, m := range meetings {
			if m.PrincipalID == p.ID {
				row.Items = append(row.Items, g.meeting(m))
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// byRoom makes a row per room, by venue and name, with its meetings.
func (g progGrid) byRoom(meetings []*bilat.Meeting) []progRow {
	rooms := make([]*bilat.Room, 0, len(g.pw.Rooms))
	for _, r := range g.pw.Rooms {
		rooms = append(rooms, r)
	}
	slices.SortFunc(rooms, func(a, b *bilat.Room) int {
		return cmp.Or(cmp.Compare(a.VenueID, b.VenueID), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	var rows []progRow
	for _, r := range rooms {
		row := progRow{ID: r.ID, Label: r.Name, Latin: true}
		for _, m := range meetings {
			if m.RoomID == r.ID {
				row.Items = append(row.Items, g.meeting(m))
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// byDelegation makes a row per delegation with a meeting that day, by
// name in the reader's language, with its meetings and the sessions its
// people attend.
func (g progGrid) byDelegation(meetings []*bilat.Meeting, sessions []*bilat.ProgrammeSession) []progRow {
	index := map[int64]int{}
	var rows []progRow
	for _, m := range meetings {
		x := g.pw.Requests[m.RequestID]
		if x == nil {
			continue
		}
		i, ok := index[x.DelegationID]
		if !ok {
			i = len(rows)
			index[x.DelegationID] = i
			rows = append(rows, progRow{ID: x.DelegationID, Label: g.v.PartnerName(g.pw.DelegationPartner(x.DelegationID))})
		}
		rows[i].Items = append(rows[i].Items, g.meeting(m))
	}
	for i := range rows {
		d := g.pw.Delegations[rows[i].ID]
		for _, x := range sessions {
			if d != nil && g.delegationAttends(d, x) {
				rows[i].Items = append(rows[i].Items, g.session(x))
			}
		}
		slices.SortStableFunc(rows[i].Items, func(a, b progItem) int { return a.Start.Compare(b.Start) })
	}
	slices.SortStableFunc(rows, func(a, b progRow) int { return cmp.Compare(a.Label, b.Label) })
	return rows
}

// delegationAttends reports whether someone of delegation d attends x.
func (g progGrid) delegationAttends(d *bilat.Delegation, x *bilat.ProgrammeSession) bool {
	for _, id := range append([]int64{d.HeadID}, d.Members...) {
		if id != 0 && progAttends(g.pw, x, id) {
			return true
		}
	}
	return false
}
