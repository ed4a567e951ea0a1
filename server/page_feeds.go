package server

import (
	"cmp"
	"context"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"bilat"
	"bilat/ical"
)

// The calendar feeds' pages. A feed is a URL with a secret, fetched by a
// calendar application without a session: /feeds/{secret}.ics. The desk
// makes feeds of a principal, a room, a delegation or a user; a principal
// or a liaison makes only their own ("my feed"), and sees and revokes only
// their own. A viewer follows no meetings and has none.
func (s *Server) feedsPages() []pageRoute {
	return []pageRoute{
		{"GET", "/feeds", staff | principal | liaison, s.feedsList},
		{"POST", "/feeds", staff | principal | liaison, s.feedsCreate},
		{"POST", "/feeds/{token}/revoke", staff | principal | liaison, s.feedsRevoke},
		// The secret is the only credential: anyone who has it may fetch.
		{"GET", "/feeds/{secret}", anyone, s.feedsServe},
	}
}

// feedsServe writes a feed's calendar in the language of ?lang= (English
// by default: a calendar application sends no useful Accept-Language).
// Unknown and revoked secrets get the same 404.
func (s *Server) feedsServe(w http.ResponseWriter, r *http.Request, v *view) error {
	secret, ok := strings.CutSuffix(r.PathValue("secret"), ".ics")
	if !ok {
		return unknownFeed()
	}
	f, err := s.desk.FeedBySecret(r.Context(), secret)
	if err != nil {
		return err
	}
	l := s.views.cat.Locale(r.URL.Query().Get("lang"))
	cal, err := s.feedCalendar(r.Context(), f, l, time.Now())
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ical.ContentType)
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Content-Disposition", `inline; filename="calendar.ics"`)
	return ical.Write(w, cal)
}

// feedsView is the data of the feeds page.
type feedsView struct {
	Rows   []feedRow
	Events []*bilat.Event
	Event  *bilat.Event // the event a new feed is for
	Groups []feedGroup  // the subjects the desk may choose
	F      *form
	Own    string // the subject value of the reader's own feed
	URL    string // a new feed's address, shown once
	// Webcal is the same address as webcal:, a scheme html/template
	// would otherwise blank; it is built here from the secret alone.
	Webcal template.URL
}

// feedRow is one feed as the list shows it.
type feedRow struct {
	Feed    *bilat.Feed
	Event   string
	Subject string
	Owner   string
}

// feedGroup is a group of subjects in the subject select.
type feedGroup struct {
	Label   string
	Options []option
}

func (s *Server) feedsList(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.feedsPage(w, r, v, http.StatusOK, newForm(nil), "", "")
}

// feedsPage draws the list, the form and, right after making a feed, its
// address (in lang), shown this once: only the secret's hash is kept.
func (s *Server) feedsPage(w http.ResponseWriter, r *http.Request, v *view, status int, f *form, secret, lang string) error {
	ctx := r.Context()
	d := &feedsView{F: f, Own: "user:" + strconv.FormatInt(v.User.ID, 10)}
	var err error
	if d.Events, d.Event, err = s.feedsEvents(ctx, r, v.User); err != nil {
		return err
	}
	if d.Rows, err = s.feedsRows(ctx, v); err != nil {
		return err
	}
	if v.Staff() && d.Event != nil {
		if d.Groups, err = s.feedsSubjects(ctx, d.Event, v); err != nil {
			return err
		}
	}
	if secret != "" {
		var webcal string
		d.URL, webcal = feedsAddress(r, s.cfg.SecureCookies, secret, lang)
		d.Webcal = template.URL(webcal)
	}
	v.Event = d.Event
	accountNoStore(w)
	v.Title, v.Nav, v.Data = v.L.T("feeds.title"), "feeds", d
	return s.render(w, status, "feeds", v)
}

// feedsAddress is a feed's URL, and the same as webcal:, which offers to
// subscribe rather than download.
func feedsAddress(r *http.Request, secure bool, secret, lang string) (string, string) {
	path := r.Host + "/feeds/" + secret + ".ics"
	if lang != "" && lang != "en" {
		path += "?lang=" + lang
	}
	scheme := "http://"
	if secure || r.TLS != nil {
		scheme = "https://"
	}
	return scheme + path, "webcal://" + path
}

// feedsEvents lists the events a reader may make feeds for and the one
// chosen (?event=slug or the form's event, else the first); a liaison has
// only their own.
func (s *Server) feedsEvents(ctx context.Context, r *http.Request, u *bilat.User) ([]*bilat.Event, *bilat.Event, error) {
	if u.Role == bilat.RoleLiaison {
		e, err := s.desk.Event(ctx, u.EventID)
		if err != nil {
			return nil, nil, err
		}
		return []*bilat.Event{e}, e, nil
	}
	events, _, err := s.desk.ListEvents(ctx, bilat.EventFilter{Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil || len(events) == 0 {
		return events, nil, err
	}
	want := cmp.Or(r.PostFormValue("event"), r.URL.Query().Get("event"))
	for _, e := range events {
		if e.Slug == want {
			return events, e, nil
		}
	}
	return events, events[0], nil
}

// feedsRows lists the feeds the reader may see: every one for staff, their
// own for others.
func (s *Server) feedsRows(ctx context.Context, v *view) ([]feedRow, error) {
	filter := bilat.FeedFilter{}
	if !v.Staff() {
		filter.UserID = v.User.ID
	}
	feeds, err := s.desk.ListFeeds(ctx, filter)
	if err != nil {
		return nil, err
	}
	names := &feedsNamer{s: s, lang: v.L.Lang, users: map[int64]string{}, events: map[int64]string{}}
	rows := make([]feedRow, 0, len(feeds))
	for _, f := range feeds {
		row, err := names.row(ctx, f)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// feedsNamer names the events, subjects and owners of listed feeds,
// reading each user and event once.
type feedsNamer struct {
	s      *Server
	lang   string
	users  map[int64]string
	events map[int64]string
}

func (n *feedsNamer) row(ctx context.Context, f *bilat.Feed) (feedRow, error) {
	row := feedRow{Feed: f}
	var err error
	if row.Event, err = n.event(ctx, f.EventID); err != nil {
		return row, err
	}
	if row.Owner, err = n.user(ctx, f.UserID); err != nil {
		return row, err
	}
	row.Subject, err = n.subject(ctx, f)
	return row, err
}

func (n *feedsNamer) event(ctx context.Context, id int64) (string, error) {
	if name, ok := n.events[id]; ok {
		return name, nil
	}
	e, err := n.s.desk.Event(ctx, id)
	if err != nil {
		return "", err
	}
	n.events[id] = eventName(e, n.lang)
	return n.events[id], nil
}

func (n *feedsNamer) user(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	if name, ok := n.users[id]; ok {
		return name, nil
	}
	u, err := n.s.desk.User(ctx, id)
	if bilat.ErrorCode(err) == bilat.ENOTFOUND {
		return "", nil
	} else if err != nil {
		return "", err
	}
	n.users[id] = u.Username
	return u.Username, nil
}

// subject names what a feed follows; a record since removed is shown by
// its number.
func (n *feedsNamer) subject(ctx context.Context, f *bilat.Feed) (string, error) {
	var name string
	var err error
	switch f.Kind {
	case bilat.FeedPrincipal:
		var p *bilat.Principal
		if p, err = n.s.desk.Principal(ctx, f.SubjectID); err == nil {
			var person *bilat.Person
			if person, err = n.s.desk.Person(ctx, p.PersonID); err == nil {
				name = person.Name
			}
		}
	case bilat.FeedRoom:
		var room *bilat.Room
		if room, err = n.s.desk.Room(ctx, f.SubjectID); err == nil {
			name = room.Name
		}
	case bilat.FeedDelegation:
		var d *bilat.Delegation
		if d, err = n.s.desk.Delegation(ctx, f.SubjectID); err == nil {
			var p *bilat.Partner
			if p, err = n.s.desk.Partner(ctx, d.PartnerID); err == nil {
				name = inLanguage(n.lang, p.NameEN, p.NameFR, p.NameAR)
			}
		}
	case bilat.FeedUser:
		name, err = n.user(ctx, f.SubjectID)
	}
	if bilat.ErrorCode(err) == bilat.ENOTFOUND {
		return "#" + strconv.FormatInt(f.SubjectID, 10), nil
	}
	return name, err
}

// feedsSubjects are the choices of the desk's subject select: the event's
// principals, rooms and delegations, and the accounts that have meetings
// there to follow.
func (s *Server) feedsSubjects(ctx context.Context, e *bilat.Event, v *view) ([]feedGroup, error) {
	n, err := s.loadFeedNames(ctx, e, v.L.Lang)
	if err != nil {
		return nil, err
	}
	var principals, rooms, delegations []option
	for id, name := range n.principals {
		principals = append(principals, option{"principal:" + strconv.FormatInt(id, 10), name})
	}
	for id := range n.rooms {
		rooms = append(rooms, option{"room:" + strconv.FormatInt(id, 10), n.place(id)})
	}
	for id, d := range n.delegations {
		if d.IsHost {
			continue
		}
		name, err := s.feedCounterpart(ctx, n, &bilat.Request{DelegationID: id}, v.L.Lang)
		if err != nil {
			return nil, err
		}
		delegations = append(delegations, option{"delegation:" + strconv.FormatInt(id, 10), name})
	}
	users, err := s.feedsUsers(ctx, e)
	if err != nil {
		return nil, err
	}
	groups := []feedGroup{{v.L.T("feeds.kind.principal"), principals}, {v.L.T("feeds.kind.room"), rooms},
		{v.L.T("feeds.kind.delegation"), delegations}, {v.L.T("feeds.kind.user"), users}}
	for _, g := range groups {
		slices.SortFunc(g.Options, func(a, b option) int { return cmp.Compare(a.Label, b.Label) })
	}
	return groups, nil
}

// feedsUsers are the accounts whose own feed the desk may make for this
// event: staff, principals, and the event's liaisons.
func (s *Server) feedsUsers(ctx context.Context, e *bilat.Event) ([]option, error) {
	users, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.User, int, error) {
		return s.desk.ListUsers(ctx, bilat.UserFilter{Page: p})
	})
	if err != nil {
		return nil, err
	}
	var out []option
	for _, u := range users {
		if u.Disabled || u.Role == bilat.RoleViewer || (u.Role == bilat.RoleLiaison && u.EventID != e.ID) {
			continue
		}
		out = append(out, option{"user:" + strconv.FormatInt(u.ID, 10), u.Username})
	}
	return out, nil
}
