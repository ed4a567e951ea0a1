package server

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"time"

	"bilat"
)

// printPages is the printable daily programme of one principal or one
// room, laid out by print.css to fit one A4 page a day where it can.
func (s *Server) printPages() []pageRoute {
	return []pageRoute{
		{"GET", "/events/{event}/print", staff | principal, s.printPage},
	}
}

// printSheet is the data of the printable programme: the choices of the
// form, and the chosen principal's or room's day when one is chosen.
type printSheet struct {
	By         string // "principal" or "room"
	ID         int64
	Day        dashboardDay
	Days       []dashboardDay
	Principals []option
	Rooms      []option
	Subject    string // the principal's or the room's name; "" before a choice
	Rows       []printRow
}

// printRow is one line of the sheet: a meeting, or time the principal is
// taken by the programme when Blocked names the session.
type printRow struct {
	Start, End   time.Time
	Blocked      string
	Kind         bilat.SessionKind
	MeetingID    int64
	Counterpart  string
	Participants []string
	Where        string // the room (on a principal's sheet) or the principal (on a room's)
	Topics       []string
}

// printPage serves the choice form and, once a principal or a room is
// chosen, its programme for the day.
func (s *Server) printPage(w http.ResponseWriter, r *http.Request, v *view) error {
	days := dashboardDays(v.Event, v.Zone)
	day, err := dashboardPickDay(r, days, time.Now())
	if err != nil {
		return err
	}
	d, requests, meetings, err := s.loadDesk(r.Context(), v.Event)
	if err != nil {
		return err
	}
	sheet := &printSheet{By: r.URL.Query().Get("by"), Day: day, Days: days, Principals: printPrincipals(d), Rooms: printRooms(d)}
	if sheet.By == "" {
		sheet.By = "principal"
	}
	id := r.URL.Query().Get("id")
	if u := userOf(r); u.Role == bilat.RolePrincipal {
		if id, err = s.mePrintOwn(sheet, d, u, id); err != nil {
			return err
		}
	}
	if id != "" {
		if err := s.printFill(r, v, sheet, d, requests, meetings, id); err != nil {
			return err
		}
	}
	v.Title, v.Nav, v.Data = v.L.T("print.title"), "dashboard", sheet
	if sheet.Subject != "" {
		v.Title = v.L.T("print.sheet.title", "Name", sheet.Subject)
	}
	return s.render(w, http.StatusOK, "print", v)
}

// printFill checks the chosen principal or room and lays out its day.
func (s *Server) printFill(r *http.Request, v *view, sheet *printSheet, d *EventData, requests []*bilat.Request, meetings []*bilat.Meeting, id string) error {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return printInvalid("id", "must be the number of a principal or a room")
	}
	sheet.ID = n
	topics, err := s.topicNames(r.Context(), v.L.Lang)
	if err != nil {
		return err
	}
	l := printLayout{v: v, d: d, topics: topics, requests: map[int64]*bilat.Request{}}
	for _, x := range requests {
		l.requests[x.ID] = x
	}
	switch sheet.By {
	case "principal":
		p := d.Principals[n]
		if p == nil {
			return bilat.Errorf(bilat.ENOTFOUND, "principal %d is not a principal of this event", n)
		}
		sheet.Subject, sheet.Rows = d.PrincipalName(n), l.principalDay(p, meetings, sheet.Day)
	case "room":
		if d.Rooms[n] == nil {
			return bilat.Errorf(bilat.ENOTFOUND, "room %d is not a room of this event", n)
		}
		sheet.Subject, sheet.Rows = d.RoomName(n), l.roomDay(n, meetings, sheet.Day)
	default:
		return printInvalid("by", "must be principal or room")
	}
	return nil
}

// printInvalid is the error for a bad query parameter.
func printInvalid(field, message string) error {
	return &bilat.Error{Code: bilat.EINVALID, Message: field + " " + message,
		Problems: []bilat.Problem{{Field: field, Message: message}}}
}

// printLayout turns the desk's records into the sheet's rows.
type printLayout struct {
	v        *view
	d        *EventData
	topics   map[string]string
	requests map[int64]*bilat.Request
}

// principalDay is a principal's meetings of the day with the programme
// sessions they attend, as blocked time, in time order.
func (l *printLayout) principalDay(p *bilat.Principal, meetings []*bilat.Meeting, day dashboardDay) []printRow {
	var rows []printRow
	for _, m := range meetings {
		if dashboardBooked(m) && m.PrincipalID == p.ID && dashboardWithin(m.Start, day.Start) {
			rows = append(rows, l.meetingRow(m, l.d.RoomName(m.RoomID), p.PersonID))
		}
	}
	for _, s := range l.d.Sessions {
		if dashboardAttends(s, p.PersonID) && dashboardWithin(s.Start, day.Start) {
			rows = append(rows, printRow{Start: l.v.Local(s.Start), End: l.v.Local(s.End), Blocked: s.Title, Kind: s.Kind})
		}
	}
	slices.SortStableFunc(rows, func(x, y printRow) int { return x.Start.Compare(y.Start) })
	return rows
}

// roomDay is the meetings held in a room on the day, in time order.
func (l *printLayout) roomDay(roomID int64, meetings []*bilat.Meeting, day dashboardDay) []printRow {
	var rows []printRow
	for _, m := range meetings {
		if dashboardBooked(m) && m.RoomID == roomID && dashboardWithin(m.Start, day.Start) {
			rows = append(rows, l.meetingRow(m, l.d.PrincipalName(m.PrincipalID), 0))
		}
	}
	slices.SortStableFunc(rows, func(x, y printRow) int { return x.Start.Compare(y.Start) })
	return rows
}

// meetingRow describes a meeting: its counterpart, the people in the
// room, and its topics; where is the room or the principal. The person
// whose sheet it is (skip) is not listed among the participants.
func (l *printLayout) meetingRow(m *bilat.Meeting, where string, skip int64) printRow {
	row := printRow{Start: l.v.Local(m.Start), End: l.v.Local(m.End), MeetingID: m.ID, Where: where}
	for _, id := range m.Participants {
		if p := l.d.People[id]; p != nil && id != skip {
			row.Participants = append(row.Participants, p.Name)
		}
	}
	if r := l.requests[m.RequestID]; r != nil {
		row.Counterpart = l.v.PartnerName(l.d.DelegationPartner(r.DelegationID))
		for _, t := range r.Topics {
			row.Topics = append(row.Topics, cmp.Or(l.topics[t], t))
		}
	}
	return row
}

// printPrincipals are the choices of principal: principals before their
// deputies, then by name.
func printPrincipals(d *EventData) []option {
	ps := make([]*bilat.Principal, 0, len(d.Principals))
	for _, p := range d.Principals {
		ps = append(ps, p)
	}
	rank := func(p *bilat.Principal) int {
		if p.DeputyOf != 0 {
			return 1
		}
		return 0
	}
	slices.SortFunc(ps, func(a, b *bilat.Principal) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(d.PrincipalName(a.ID), d.PrincipalName(b.ID)))
	})
	out := make([]option, len(ps))
	for i, p := range ps {
		out[i] = option{Value: strconv.FormatInt(p.ID, 10), Label: d.PrincipalName(p.ID)}
	}
	return out
}

// printRooms are the choices of room, by name.
func printRooms(d *EventData) []option {
	var out []option
	for _, r := range d.Rooms {
		out = append(out, option{Value: strconv.FormatInt(r.ID, 10), Label: r.Name})
	}
	slices.SortFunc(out, func(a, b option) int { return cmp.Compare(a.Label, b.Label) })
	return out
}

// Meetings is the number of meetings on the sheet.
func (p *printSheet) Meetings() int {
	n := 0
	for _, r := range p.Rows {
		if r.Blocked == "" {
			n++
		}
	}
	return n
}
