package server

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"bilat"
)

// The follow-up actions across events: the desk's list with its filters,
// and the reminders of what is overdue or due soon. Dates are compared as
// the desk's calendar days: an action is overdue from the day after its
// due date. The list crosses events, so its days are the server's own;
// the dashboard, inside one event, uses the event's time zone.

// actionsSoonDays is how far ahead "due soon" looks on the dashboard and
// in the e-mail reminders.
const actionsSoonDays = 3

// actionsPages is the actions part of the page table.
func (s *Server) actionsPages() []pageRoute {
	return []pageRoute{
		{"GET", "/actions", staff, s.actionsList},
		{"GET", "/actions/{id}", staff, s.actionsEditPage},
		{"POST", "/actions/{id}", staff, s.actionsUpdate},
		{"POST", "/actions/{id}/status", staff, s.actionsSetStatus},
		{"POST", "/meetings/{id}/actions", staff, s.actionsCreate},
	}
}

// actionsRow is one action with the names the desk reads it by.
type actionsRow struct {
	Action    *bilat.Action
	Owner     string // the owning person's name, else the free-text owner
	Partner   *bilat.Partner
	Event     *bilat.Event
	MeetingID int64
	Overdue   bool
	DueSoon   bool
}

// actionsListData is what the actions page shows.
type actionsListData struct {
	Filter   *form
	Rows     []*actionsRow
	Overdue  int // open actions past their due date, whatever the filter
	Events   []option
	Statuses []option
	Dues     []option
	CSV      string
	Today    string
}

// actionsDay is a calendar day as YYYY-MM-DD in zone, days after now's.
func actionsDay(now time.Time, zone *time.Location, days int) string {
	return now.In(zone).AddDate(0, 0, days).Format(bilat.DateLayout)
}

// actionsWeekEnd is the Sunday that ends now's week (ISO weeks run from
// Monday), as YYYY-MM-DD.
func actionsWeekEnd(now time.Time, zone *time.Location) string {
	left := (7 - int(now.In(zone).Weekday())) % 7
	return actionsDay(now, zone, left)
}

// actionsDueFilter narrows f to a named due window: "overdue" (open and
// past due), "week" (open and due from today to Sunday) or "soon" (open
// and due within actionsSoonDays). It reports whether due was known.
func actionsDueFilter(f *bilat.ActionFilter, due string, now time.Time, zone *time.Location) bool {
	today := actionsDay(now, zone, 0)
	switch due {
	case "":
		return true
	case "overdue":
		f.DueTo = actionsDay(now, zone, -1)
	case "week":
		f.DueFrom, f.DueTo = today, actionsWeekEnd(now, zone)
	case "soon":
		f.DueFrom, f.DueTo = today, actionsDay(now, zone, actionsSoonDays)
	default:
		return false
	}
	f.Status = bilat.ActionOpen
	return true
}

// actionsFilter reads the list's query into a filter. Without a status
// in the query the list shows the open actions, which is what the desk
// follows; "all" shows every status.
func (s *Server) actionsFilter(ctx context.Context, q url.Values, now time.Time) (bilat.ActionFilter, *form, error) {
	f := bilat.ActionFilter{Owner: q.Get("owner"), Status: bilat.ActionOpen}
	fm := newForm(url.Values{})
	for _, k := range []string{"owner", "partner", "event", "status", "due"} {
		fm.Values.Set(k, q.Get(k))
	}
	if !q.Has("status") {
		fm.Values.Set("status", string(bilat.ActionOpen))
	}
	switch st := fm.Value("status"); st {
	case "all":
		f.Status = ""
	default:
		f.Status = bilat.ActionStatus(st)
		if !contains(actionsStatusNames(), st) {
			return f, fm, invalid("status", "must be open, done, cancelled or all")
		}
	}
	if code := q.Get("partner"); code != "" {
		p, err := s.desk.PartnerByCode(ctx, code)
		if err != nil {
			return f, fm, actionsNoMatch(err, "partner", code)
		}
		f.PartnerID = p.ID
	}
	if slug := q.Get("event"); slug != "" {
		e, err := s.desk.EventBySlug(ctx, slug)
		if err != nil {
			return f, fm, actionsNoMatch(err, "event", slug)
		}
		f.EventID = e.ID
	}
	if !actionsDueFilter(&f, q.Get("due"), now, time.Local) {
		return f, fm, invalid("due", "must be overdue, week or soon")
	}
	return f, fm, nil
}

// actionsStatusNames are the statuses the list's filter accepts.
func actionsStatusNames() []string {
	out := []string{"all"}
	for _, st := range bilat.ActionStatuses {
		out = append(out, string(st))
	}
	return out
}

// actionsNoMatch turns an unknown partner or event of the filter into a
// problem of its field rather than a missing page.
func actionsNoMatch(err error, field, value string) error {
	if bilat.ErrorCode(err) == bilat.ENOTFOUND {
		return invalid(field, "no %s %q", field, value)
	}
	return err
}

// actionsList serves the list of actions across events.
func (s *Server) actionsList(w http.ResponseWriter, r *http.Request, v *view) error {
	ctx, now := r.Context(), time.Now()
	d := &actionsListData{Today: actionsDay(now, time.Local, 0), CSV: "/actions.csv?" + r.URL.Query().Encode()}
	f, fm, err := s.actionsFilter(ctx, r.URL.Query(), now)
	d.Filter = fm
	status := http.StatusOK
	if err != nil {
		if !fm.Fail(v.L, err, "owner", "partner", "event", "status", "due") {
			return err
		}
		status = http.StatusBadRequest
	} else if d.Rows, err = s.actionsRows(ctx, f, now, time.Local); err != nil {
		return err
	}
	overdue := bilat.ActionFilter{Status: bilat.ActionOpen, DueTo: actionsDay(now, time.Local, -1), Page: bilat.Page{Limit: 1}}
	if _, d.Overdue, err = s.desk.ListActions(ctx, overdue); err != nil {
		return err
	}
	if err := s.actionsChoices(ctx, v, d); err != nil {
		return err
	}
	v.Title, v.Nav, v.Data = v.L.N("actions.title", d.Overdue), "actions", d
	return s.render(w, status, "actions", v)
}

// actionsChoices fills the filter's lists.
func (s *Server) actionsChoices(ctx context.Context, v *view, d *actionsListData) error {
	events, _, err := s.desk.ListEvents(ctx, bilat.EventFilter{Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		return err
	}
	d.Events = []option{{"", v.L.T("actions.filter.any_event")}}
	for _, e := range events {
		d.Events = append(d.Events, option{e.Slug, eventName(e, v.L.Lang)})
	}
	d.Statuses = nil
	for _, st := range actionsStatusNames() {
		d.Statuses = append(d.Statuses, option{st, v.L.T("actions.status." + st)})
	}
	d.Dues = []option{{"", v.L.T("actions.due.any")}}
	for _, k := range []string{"overdue", "soon", "week"} {
		d.Dues = append(d.Dues, option{k, v.L.T("actions.due." + k)})
	}
	return nil
}

// actionsRows lists the actions of f with their names.
func (s *Server) actionsRows(ctx context.Context, f bilat.ActionFilter, now time.Time, zone *time.Location) ([]*actionsRow, error) {
	xs, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Action, int, error) {
		f.Page = p
		return s.desk.ListActions(ctx, f)
	})
	if err != nil {
		return nil, err
	}
	n := actionsNamer{s: s, people: map[int64]*bilat.Person{}, partners: map[int64]*bilat.Partner{},
		meetings: map[int64]*bilat.Meeting{}, events: map[int64]*bilat.Event{}}
	today, soon := actionsDay(now, zone, 0), actionsDay(now, zone, actionsSoonDays)
	out := make([]*actionsRow, 0, len(xs))
	for _, x := range xs {
		row, err := n.row(ctx, x)
		if err != nil {
			return nil, err
		}
		row.Overdue = x.Overdue(today)
		row.DueSoon = x.Status == bilat.ActionOpen && x.Due >= today && x.Due <= soon
		out = append(out, row)
	}
	return out, nil
}

// actionsNamer reads the records an action names, each once.
type actionsNamer struct {
	s        *Server
	people   map[int64]*bilat.Person
	partners map[int64]*bilat.Partner
	meetings map[int64]*bilat.Meeting
	events   map[int64]*bilat.Event
}

// row names one action's owner, partner and event.
func (n *actionsNamer) row(ctx context.Context, x *bilat.Action) (*actionsRow, error) {
	row := &actionsRow{Action: x, Owner: x.OwnerName, MeetingID: x.MeetingID}
	var err error
	if x.OwnerID != 0 {
		p, err := actionsCached(ctx, n.people, x.OwnerID, n.s.desk.Person)
		if err != nil {
			return nil, err
		}
		row.Owner = p.Name
	}
	if x.PartnerID != 0 {
		if row.Partner, err = actionsCached(ctx, n.partners, x.PartnerID, n.s.desk.Partner); err != nil {
			return nil, err
		}
	}
	m, err := actionsCached(ctx, n.meetings, x.MeetingID, n.s.desk.Meeting)
	if err != nil {
		return nil, err
	}
	row.Event, err = actionsCached(ctx, n.events, m.EventID, n.s.desk.Event)
	return row, err
}

// actionsCached reads a record through a map, so that a list reads each once.
func actionsCached[T any](ctx context.Context, m map[int64]*T, id int64, get func(context.Context, int64) (*T, error)) (*T, error) {
	if x, ok := m[id]; ok {
		return x, nil
	}
	x, err := get(ctx, id)
	if err != nil {
		return nil, err
	}
	m[id] = x
	return x, nil
}

// EventName is the action's event named in lang.
func (r *actionsRow) EventName(lang string) string {
	if r.Event == nil {
		return ""
	}
	return eventName(r.Event, lang)
}
