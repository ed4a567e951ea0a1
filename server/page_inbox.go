package server

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"bilat"
	"bilat/geo"
)

// The request inbox: the event's requests in a table that staff filter,
// sort and triage in place. Every triage is a plain form post answered by
// a redirect back to the same filtered inbox; with htmx it swaps just the
// request's row. The triage handlers are in page_inbox_triage.go, the
// staff's new-request form in page_inbox_new.go.

func (s *Server) inboxPages() []pageRoute {
	return []pageRoute{
		{"GET", "/events/{event}/requests", staff, s.inboxPage},
		{"GET", "/events/{event}/requests/new", staff, s.inboxNewPage},
		{"POST", "/events/{event}/requests/new", staff, s.inboxCreate},
		{"POST", "/events/{event}/requests/bulk", staff, s.inboxBulk},
		{"POST", "/requests/{id}/accept", staff, s.inboxTriage(inboxAccept)},
		{"POST", "/requests/{id}/decline", staff, s.inboxTriage(inboxDecline)},
		{"POST", "/requests/{id}/offer", staff, s.inboxTriage(inboxOffer)},
	}
}

// inboxPageSize is how many requests one page of the inbox shows: enough
// for a whole day's arrivals at an assembly, few enough to scan.
const inboxPageSize = 50

// inboxFilterKeys are the query parameters of the inbox, in the order the
// filter form shows them; "page" is kept with them.
var inboxFilterKeys = []string{"status", "region", "topic", "priority", "delegation", "sort", "page"}

// inboxFilter reads the inbox's query into a request filter. Values that
// mean nothing (an unknown status, a page of letters) do not filter: the
// form only offers valid ones, and a hand-typed URL still shows the inbox.
func inboxFilter(eventID int64, q url.Values) bilat.RequestFilter {
	f := bilat.RequestFilter{EventID: eventID, Region: q.Get("region"), Topic: q.Get("topic"), Page: bilat.Page{Limit: inboxPageSize}}
	if st := bilat.RequestStatus(q.Get("status")); st.Valid() {
		f.Status = st
	}
	if p, err := strconv.Atoi(q.Get("priority")); err == nil && p >= 1 && p <= 5 {
		f.Priority = p
	}
	if id, err := strconv.ParseInt(q.Get("delegation"), 10, 64); err == nil && id > 0 {
		f.DelegationID = id
	}
	switch q.Get("sort") {
	case "priority", "status":
		f.Sort = q.Get("sort")
	}
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		f.Offset = (p - 1) * inboxPageSize
	}
	return f
}

// inboxQuery keeps only the inbox's own, non-empty parameters of q, so
// that a query carried through a form cannot smuggle anything else into
// the redirect that follows a triage.
func inboxQuery(q url.Values) url.Values {
	out := url.Values{}
	for _, k := range inboxFilterKeys {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}

// inboxNames is what the inbox looks names up in: the event's delegations
// and their partners, its principals' names and the topic vocabulary. It
// reads less than loadEvent (no rooms, sessions or delegates), as the
// inbox is the page staff reload most.
type inboxNames struct {
	delegations    map[int64]*bilat.Delegation
	partners       map[int64]*bilat.Partner
	principals     []*bilat.Principal
	principalNames map[int64]string
	topics         []*bilat.Topic
}

// loadInboxNames reads the names the inbox shows for an event.
func (s *Server) loadInboxNames(ctx context.Context, eventID int64) (*inboxNames, error) {
	n := &inboxNames{delegations: map[int64]*bilat.Delegation{}, partners: map[int64]*bilat.Partner{}, principalNames: map[int64]string{}}
	delegations, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Delegation, int, error) {
		return s.desk.ListDelegations(ctx, bilat.DelegationFilter{EventID: eventID, Page: p})
	})
	if err != nil {
		return nil, err
	}
	for _, d := range delegations {
		n.delegations[d.ID] = d
	}
	partners, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Partner, int, error) {
		return s.desk.ListPartners(ctx, bilat.PartnerFilter{Page: p})
	})
	if err != nil {
		return nil, err
	}
	for _, p := range partners {
		n.partners[p.ID] = p
	}
	if n.principals, err = all(ctx, pageOf(bilat.EventPart{EventID: eventID}, s.desk.ListPrincipals)); err != nil {
		return nil, err
	}
	for _, p := range n.principals {
		person, err := s.desk.Person(ctx, p.PersonID)
		if err != nil {
			return nil, err
		}
		n.principalNames[p.ID] = person.Name
	}
	n.topics, err = s.desk.ListTopics(ctx)
	return n, err
}

// partnerOf is the partner a delegation represents.
func (n *inboxNames) partnerOf(delegationID int64) *bilat.Partner {
	if d := n.delegations[delegationID]; d != nil {
		return n.partners[d.PartnerID]
	}
	return nil
}

// topicName is a topic's name in lang, or its code when it is unknown.
func (n *inboxNames) topicName(code, lang string) string {
	for _, t := range n.topics {
		if t.Code == code {
			return inLanguage(lang, t.NameEN, t.NameFR, t.NameAR)
		}
	}
	return code
}

// inboxRow is one request as its row shows it, with the state of a triage
// that was refused (what was typed, and why) when there is one.
type inboxRow struct {
	R        *bilat.Request
	Partner  *bilat.Partner
	Targets  []string // principals' names, by preference
	Topics   []string // in the reader's language
	Age      string
	Deputies []option // principals that may be offered instead
	Back     string   // the inbox query to return to
	Form     *form    // typed values and problems of a refused triage
	Open     string   // the triage form to show open: "decline" or "offer"
	Error    string   // why a triage was refused, when no field says it
	Offer    string   // what the host offered instead, when it did
	Current  bool     // the row just triaged, which keeps the keyboard focus
}

// CanAccept reports whether the request may be accepted now.
func (r *inboxRow) CanAccept() bool { return r.R.Status.CanMoveTo(bilat.StatusAccepted) }

// CanDecline reports whether the request may be declined (with or
// without an offer) now.
func (r *inboxRow) CanDecline() bool { return r.R.Status.CanMoveTo(bilat.StatusDeclined) }

// newRow builds the row of a request.
func (s *Server) newRow(v *view, n *inboxNames, x *bilat.Request, back string) *inboxRow {
	x.SortTargets()
	row := &inboxRow{R: x, Partner: n.partnerOf(x.DelegationID), Age: inboxAge(v, time.Since(x.CreatedAt)), Back: back, Form: newForm(nil)}
	asked := map[int64]bool{}
	for _, t := range x.Targets {
		row.Targets = append(row.Targets, n.principalNames[t.PrincipalID])
		asked[t.PrincipalID] = true
	}
	for _, t := range x.Topics {
		row.Topics = append(row.Topics, n.topicName(t, v.L.Lang))
	}
	row.Offer = inboxOfferText(v, n, x.Offer)
	for _, p := range n.principals {
		if !asked[p.ID] {
			row.Deputies = append(row.Deputies, option{strconv.FormatInt(p.ID, 10), n.principalNames[p.ID]})
		}
	}
	return row
}

// inboxOfferText says what was offered instead, or "" for no offer.
func inboxOfferText(v *view, n *inboxNames, o *bilat.Offer) string {
	switch {
	case o == nil:
		return ""
	case o.Kind == "time" && o.Start != nil:
		t := v.Local(*o.Start)
		return v.L.T("inbox.offered.time", "Day", v.L.Day(t), "Clock", v.L.Clock(t))
	case o.Kind == "deputy":
		return v.L.T("inbox.offered.deputy", "Name", n.principalNames[o.PrincipalID])
	}
	return ""
}

// inboxAge says how long a request has waited, in the largest whole unit.
func inboxAge(v *view, d time.Duration) string {
	switch {
	case d < time.Minute:
		return v.L.T("inbox.age.now")
	case d < time.Hour:
		return v.L.N("inbox.age.minutes", int(d/time.Minute))
	case d < 48*time.Hour:
		return v.L.N("inbox.age.hours", int(d/time.Hour))
	}
	return v.L.N("inbox.age.days", int(d/(24*time.Hour)))
}

// inboxList is the data of the inbox page.
type inboxList struct {
	Filter   *form // the query, shown in the filter form
	Options  inboxOptions
	Rows     []*inboxRow
	Total    int
	From, To int
	Prev     string // URL of the previous page, or ""
	Next     string
	Back     string       // this inbox's query, carried by every triage form
	CSV      template.URL // the same list as CSV (query already encoded)
	Message  string       // what the last triage did
	Failed   bool         // the message says a triage was refused
	Bulk     *inboxBulkResult
	BulkForm *form
}

// inboxOptions are the choices of the filter form.
type inboxOptions struct {
	Statuses, Regions, Topics, Priorities, Delegations, Sorts []option
}

// inboxPage shows the event's requests, filtered as the query says.
func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request, v *view) error {
	list, err := s.inboxList(r.Context(), v, r.URL.Query(), nil)
	if err != nil {
		return err
	}
	list.Message = s.inboxDone(r.Context(), v, r.URL.Query())
	return s.renderInbox(w, r, v, http.StatusOK, list)
}

// renderInbox writes the inbox page, or for htmx only its main block.
func (s *Server) renderInbox(w http.ResponseWriter, r *http.Request, v *view, status int, list *inboxList) error {
	v.Title, v.Nav, v.Data = v.L.T("inbox.title"), "inbox", list
	if r.Header.Get("HX-Request") == "true" {
		return s.renderBlock(w, status, "inbox", "inbox-main", v)
	}
	return s.render(w, status, "inbox", v)
}

// inboxCSV is the address of the whole filtered list as CSV: the inbox's
// query without its page.
func inboxCSV(v *view, q url.Values) template.URL {
	all := url.Values{}
	for k, vs := range q {
		if k != "page" {
			all[k] = vs
		}
	}
	return template.URL(v.EventURL("/requests.csv") + "?" + all.Encode())
}

// inboxList reads one page of the event's requests as rows. A row given in
// keep (a refused triage, with what was typed) stands in for its request.
func (s *Server) inboxList(ctx context.Context, v *view, q url.Values, keep *inboxRow) (*inboxList, error) {
	n, err := s.loadInboxNames(ctx, v.Event.ID)
	if err != nil {
		return nil, err
	}
	q = inboxQuery(q)
	f := inboxFilter(v.Event.ID, q)
	reqs, total, err := s.desk.ListRequests(ctx, f)
	if err != nil {
		return nil, err
	}
	list := &inboxList{Filter: newForm(q), Options: inboxChoices(v, n), Total: total, Back: q.Encode(), BulkForm: newForm(nil),
		CSV: inboxCSV(v, q)}
	for _, x := range reqs {
		row := s.newRow(v, n, x, list.Back)
		if keep != nil && keep.R.ID == x.ID {
			row = keep
		}
		list.Rows = append(list.Rows, row)
	}
	if keep != nil && !containsRow(list.Rows, keep.R.ID) {
		list.Rows = append([]*inboxRow{keep}, list.Rows...)
	}
	list.pages(v, q, f.Offset)
	return list, nil
}

// containsRow reports whether rows hold the request id.
func containsRow(rows []*inboxRow, id int64) bool {
	for _, r := range rows {
		if r.R.ID == id {
			return true
		}
	}
	return false
}

// pages sets the range shown and the links to the pages around it.
func (l *inboxList) pages(v *view, q url.Values, offset int) {
	if l.Total > 0 && len(l.Rows) > 0 {
		l.From, l.To = offset+1, min(offset+inboxPageSize, l.Total)
	}
	page := offset/inboxPageSize + 1
	link := func(p int) string {
		pq := inboxQuery(q)
		pq.Del("page")
		if p > 1 {
			pq.Set("page", strconv.Itoa(p))
		}
		return v.EventURL("/requests") + "?" + pq.Encode()
	}
	if page > 1 {
		l.Prev = link(page - 1)
	}
	if offset+inboxPageSize < l.Total {
		l.Next = link(page + 1)
	}
}

// inboxChoices builds the filter form's choices in the reader's language;
// each list starts with the choice that does not filter.
func inboxChoices(v *view, n *inboxNames) inboxOptions {
	var o inboxOptions
	any := option{"", v.L.T("inbox.filter.any")}
	o.Statuses = []option{any}
	for _, st := range bilat.RequestStatuses {
		o.Statuses = append(o.Statuses, option{string(st), v.L.T("status." + string(st))})
	}
	o.Regions = []option{any}
	if scheme, ok := geo.BuiltinScheme(geo.SchemeContinents); ok {
		for _, reg := range scheme.Regions {
			o.Regions = append(o.Regions, option{reg.Code, reg.Name(v.L.Lang)})
		}
	}
	o.Topics = []option{any}
	for _, t := range n.topics {
		o.Topics = append(o.Topics, option{t.Code, n.topicName(t.Code, v.L.Lang)})
	}
	o.Priorities = []option{any}
	for p := 5; p >= 1; p-- {
		o.Priorities = append(o.Priorities, option{strconv.Itoa(p), v.L.T("inbox.priority." + strconv.Itoa(p))})
	}
	o.Delegations = []option{any}
	for _, d := range n.delegations {
		o.Delegations = append(o.Delegations, option{strconv.FormatInt(d.ID, 10), v.PartnerName(n.partners[d.PartnerID])})
	}
	sort.SliceStable(o.Delegations[1:], func(i, j int) bool { return o.Delegations[i+1].Label < o.Delegations[j+1].Label })
	for _, k := range []string{"created", "priority", "status"} {
		o.Sorts = append(o.Sorts, option{k, v.L.T("inbox.sort." + k)})
	}
	return o
}

// inboxDone is the message that tells what the triage before the
// redirect did (?done=accepted&id=12), or "".
func (s *Server) inboxDone(ctx context.Context, v *view, q url.Values) string {
	done := q.Get("done")
	id, err := strconv.ParseInt(q.Get("id"), 10, 64)
	if err != nil || !contains([]string{"accepted", "declined", "offered", "created"}, done) {
		return ""
	}
	x, err := s.desk.Request(ctx, id)
	if err != nil || x.EventID != v.Event.ID {
		return ""
	}
	return s.inboxMessage(ctx, v, done, x)
}

// inboxMessage says in the reader's language what happened to a request.
func (s *Server) inboxMessage(ctx context.Context, v *view, done string, x *bilat.Request) string {
	return v.L.T("inbox.done."+done, "ID", x.ID, "Name", s.inboxPartnerName(ctx, v, x))
}

// inboxPartnerName is the name of the partner a request comes from, in
// the reader's language ("" if it cannot be read).
func (s *Server) inboxPartnerName(ctx context.Context, v *view, x *bilat.Request) string {
	d, err := s.desk.Delegation(ctx, x.DelegationID)
	if err != nil {
		return ""
	}
	p, err := s.desk.Partner(ctx, d.PartnerID)
	if err != nil {
		return ""
	}
	return v.PartnerName(p)
}
