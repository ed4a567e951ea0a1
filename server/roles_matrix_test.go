package server

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// expect is what the role matrix expects of one route.
type expect struct {
	ok    who    // the identities the route admits
	query string // added to the filled path
	// status is what an admitted identity gets from a GET (200 when absent).
	status map[who]int
	// redirect sends an admitted identity elsewhere with a 303: the
	// location must start with the value.
	redirect map[who]string
	// hidden identities are admitted by their role, but the record of the
	// path is not theirs: they get 404, as for a record that does not exist.
	hidden who
	// must and mustNot are texts the body of a 200 must (not) hold.
	must, mustNot map[who][]string
}

// rolesPages is the expectation of every page route; a route missing here
// fails the matrix, so that no page is added without saying who sees it.
func rolesPages(w *rolesWorld) map[string]expect {
	neither := map[who][]string{wViewer: {"Norway", "Norvège", "Ethiopia"}}
	noOther := map[who][]string{wLiaisonA: {"Ethiopia"}, wLiaisonB: {"Norway"}}
	return map[string]expect{
		"GET /{$}": {ok: wSigned, redirect: map[who]string{wLiaisonA: "/portal", wLiaisonB: "/portal", wPrincipal: "/me"},
			must: map[who][]string{wViewer: {"/events/" + w.s.event.Slug + "/"}}},
		"GET /login":   {ok: wAll, redirect: map[who]string{wLiaisonA: "/", wLiaisonB: "/", wViewer: "/", wPrincipal: "/", wDesk: "/", wAdmin: "/"}},
		"POST /login":  {ok: wAll},
		"POST /logout": {ok: wSigned},

		"GET /events/{event}/{$}": {ok: wStaff | wViewer, query: "?day=" + w.day, redirect: map[who]string{wViewer: "/events/" + w.s.event.Slug + "/figures"},
			must: map[who][]string{wDesk: {w.dgCounterpart}}},
		"GET /events/{event}/figures": {ok: wStaff | wViewer, mustNot: neither,
			must: map[who][]string{wViewer: {`data-total="requests"`}}},
		"GET /events/{event}/print": {ok: wStaff | wPrincipal, query: "?by=principal&day=" + w.day + "&id=" + itoa(w.dg.ID),
			must: map[who][]string{wPrincipal: {w.dgCounterpart}, wDesk: {w.dgCounterpart}}, mustNot: map[who][]string{wPrincipal: {w.otherCounterpart}}},
		"GET /me": {ok: wPrincipal, must: map[who][]string{wPrincipal: {w.dgCounterpart}},
			mustNot: map[who][]string{wPrincipal: {w.otherCounterpart}}},

		"GET /events/{event}/requests":       {ok: wStaff},
		"GET /events/{event}/requests/new":   {ok: wStaff},
		"POST /events/{event}/requests/new":  {ok: wStaff},
		"POST /events/{event}/requests/bulk": {ok: wStaff},
		"POST /requests/{id}/accept":         {ok: wStaff},
		"POST /requests/{id}/decline":        {ok: wStaff},
		"POST /requests/{id}/offer":          {ok: wStaff},

		"GET /events/{event}/programme":          {ok: wStaff},
		"POST /events/{event}/programme/propose": {ok: wStaff},
		"POST /events/{event}/programme/apply":   {ok: wStaff},
		"GET /meetings/{id}/slots":               {ok: wStaff},
		"POST /meetings/{id}/move":               {ok: wStaff},
		"POST /meetings/{id}/pin":                {ok: wStaff},

		"GET /meetings/{id}": {ok: wStaff | wPrincipal, must: map[who][]string{wPrincipal: {w.dgCounterpart}, wDesk: {`action="/meetings/`}},
			mustNot: map[who][]string{wPrincipal: {`action="/meetings/`, `/requests"`}}},
		"POST /meetings/{id}/briefing": {ok: wStaff},
		"POST /meetings/{id}/outcome":  {ok: wStaff},
		"POST /meetings/{id}/held":     {ok: wStaff},
		"GET /actions":                 {ok: wStaff},
		"GET /actions/{id}":            {ok: wStaff},
		"POST /actions/{id}":           {ok: wStaff},
		"POST /actions/{id}/status":    {ok: wStaff},
		"POST /meetings/{id}/actions":  {ok: wStaff},

		// The agreements registry: staff keep it; viewers read the list only.
		"GET /agreements": {ok: wStaff | wViewer, must: map[who][]string{wViewer: {"Norway", "Ethiopia"}, wDesk: {"Norway", "Ethiopia"}},
			mustNot: map[who][]string{wViewer: {`href="/agreements/new"`, "Illustrative"}}},
		"GET /agreements/new":              {ok: wStaff},
		"POST /agreements/new":             {ok: wStaff},
		"GET /agreements/{id}":             {ok: wStaff},
		"GET /agreements/{id}/edit":        {ok: wStaff},
		"POST /agreements/{id}/edit":       {ok: wStaff},
		"POST /agreements/{id}/transition": {ok: wStaff},
		"POST /agreements/{id}/documents":  {ok: wStaff},
		"GET /documents/{id}":              agreementsRolesDocument(w),
		"POST /documents/{id}/delete":      {ok: wStaff},

		"GET /partners":                              {ok: wStaff},
		"GET /partners/{partner}":                    {ok: wStaff},
		"GET /directory":                             {ok: wStaff},
		"GET /people/new":                            {ok: wStaff},
		"POST /people/new":                           {ok: wStaff},
		"GET /people/{id}/edit":                      {ok: wStaff},
		"POST /people/{id}/edit":                     {ok: wStaff},
		"GET /partners/new":                          {ok: wStaff},
		"POST /partners/new":                         {ok: wStaff},
		"GET /partners/{partner}/edit":               {ok: wStaff},
		"POST /partners/{partner}/edit":              {ok: wStaff},
		"GET /events/{event}/setup":                  {ok: wStaff},
		"GET /venues/{id}/edit":                      {ok: wStaff},
		"POST /venues/{id}/edit":                     {ok: wStaff},
		"GET /rooms/{id}/edit":                       {ok: wStaff},
		"POST /rooms/{id}/edit":                      {ok: wStaff},
		"GET /sessions/{id}/edit":                    {ok: wStaff},
		"POST /sessions/{id}/edit":                   {ok: wStaff},
		"GET /delegations/{id}/edit":                 {ok: wStaff},
		"POST /delegations/{id}/edit":                {ok: wStaff},
		"GET /events/{event}/setup/venues/new":       {ok: wStaff},
		"POST /events/{event}/setup/venues/new":      {ok: wStaff},
		"GET /events/{event}/setup/rooms/new":        {ok: wStaff},
		"POST /events/{event}/setup/rooms/new":       {ok: wStaff},
		"GET /events/{event}/setup/sessions/new":     {ok: wStaff},
		"POST /events/{event}/setup/sessions/new":    {ok: wStaff},
		"GET /events/{event}/setup/delegations/new":  {ok: wStaff},
		"POST /events/{event}/setup/delegations/new": {ok: wStaff},

		"GET /portal": {ok: wLiaisons, mustNot: noOther,
			must: map[who][]string{wLiaisonA: {"Norway"}, wLiaisonB: {"Ethiopia"}}},
		"POST /portal/requests":                   {ok: wLiaisons},
		"POST /portal/requests/{id}/withdraw":     {ok: wLiaisons},
		"POST /portal/unavailability":             {ok: wLiaisons},
		"POST /portal/unavailability/{id}/remove": {ok: wLiaisons},
		"GET /portal/calendar.ics":                {ok: wLiaisons, mustNot: noOther},
		"GET /delegations/{id}/invite":            {ok: wStaff},
		"POST /delegations/{id}/invite":           {ok: wStaff},
		// The invitation's page tells a signed-in visitor to sign out first,
		// and refuses an unknown secret to anyone else without naming a delegation.
		"GET /invite/{secret}": {ok: wAll, status: map[who]int{wAnon: http.StatusUnauthorized},
			mustNot: map[who][]string{wAnon: {"Norway", "Ethiopia"}}},
		"POST /invite/{secret}": {ok: wAll},

		"GET /account":             {ok: wSigned},
		"GET /account/password":    {ok: wSigned},
		"POST /account/password":   {ok: wSigned},
		"GET /account/totp":        {ok: wSigned},
		"POST /account/totp/start": {ok: wSigned},
		"POST /account/totp":       {ok: wSigned},
		"GET /account/totp.png":    {ok: wSigned, status: map[who]int{wLiaisonA: 404, wLiaisonB: 404, wViewer: 404, wPrincipal: 404, wDesk: 404, wAdmin: 404}},

		"GET /admin/users":                             {ok: wAdmin, must: map[who][]string{wAdmin: {"liaisona"}}},
		"GET /admin/users/new":                         {ok: wAdmin},
		"POST /admin/users/new":                        {ok: wAdmin},
		"GET /admin/users/{id}":                        {ok: wAdmin},
		"POST /admin/users/{id}":                       {ok: wAdmin},
		"POST /admin/users/{id}/reset":                 {ok: wAdmin},
		"POST /admin/users/{id}/disable":               {ok: wAdmin},
		"POST /admin/users/{id}/enable":                {ok: wAdmin},
		"POST /admin/users/{id}/tokens/{token}/revoke": {ok: wAdmin},
		"GET /audit":                                   {ok: wStaff},
		"GET /audit.csv":                               {ok: wStaff},
		"GET /events/{event}/requests.csv":             {ok: wStaff, must: map[who][]string{wDesk: {"id,status,partner", "Norway"}}},
		"GET /events/{event}/meetings.csv":             {ok: wStaff, must: map[who][]string{wDesk: {"id,request_id,status", w.dgCounterpart}}},
		"GET /actions.csv":                             {ok: wStaff, must: map[who][]string{wDesk: {"id,meeting_id,description"}}},
		"GET /agreements.csv":                          {ok: wStaff, must: map[who][]string{wDesk: {"id,kind,title"}}},
		"POST /account/totp/off":                       {ok: wSigned},
		"GET /account/tokens":                          {ok: wSigned},
		"POST /account/tokens":                         {ok: wSigned},
		"POST /account/tokens/{id}/revoke":             {ok: wSigned},
		// The report: staff and viewers read it and its downloads; only staff edit the press summary.
		"GET /events/{event}/report":                     {ok: wStaff | wViewer, must: map[who][]string{wViewer: {`data-figure="held"`}}},
		"GET /events/{event}/report.txt":                 {ok: wStaff | wViewer},
		"GET /events/{event}/report.html":                {ok: wStaff | wViewer},
		"GET /events/{event}/report.pdf":                 {ok: wStaff | wViewer},
		"GET /events/{event}/report.xlsx":                {ok: wStaff | wViewer},
		"GET /events/{event}/report/summary":             {ok: wStaff, must: map[who][]string{wDesk: {`name="text"`}}},
		"POST /events/{event}/report/summary":            {ok: wStaff},
		"POST /events/{event}/report/summary/regenerate": {ok: wStaff},

		// Calendar feeds: the page and its forms for those who follow
		// meetings; the feed itself opens with its secret alone, and an
		// unknown secret is 404 to everyone.
		"GET /feeds":                 {ok: wStaff | wPrincipal | wLiaisons, mustNot: noOther},
		"POST /feeds":                {ok: wStaff | wPrincipal | wLiaisons},
		"POST /feeds/{token}/revoke": {ok: wStaff | wPrincipal | wLiaisons},
		"GET /feeds/{secret}": {ok: wAll, status: map[who]int{wAnon: 404, wLiaisonA: 404, wLiaisonB: 404, wViewer: 404, wPrincipal: 404, wDesk: 404, wAdmin: 404},
			mustNot: map[who][]string{wAnon: {"BEGIN:VCALENDAR"}}},
	}
}

// rolesAPI is the expectation of every API route: the API is the desk's,
// so every route but the health check and the OpenAPI document admits
// staff tokens only, unless listed here.
func rolesAPI(w *rolesWorld, pattern string) (expect, bool) {
	switch pattern {
	case "/healthz", api + "/openapi.json":
		return expect{ok: wAll}, true
	case api + "/resolve":
		return expect{ok: wStaff, query: "?q=Norv%C3%A8ge", must: map[who][]string{wDesk: {`"NO"`}}}, true
	}
	if strings.HasPrefix(pattern, api+"/portal/") {
		// A liaison's token reaches their own delegation only.
		return expect{ok: wLiaisons, mustNot: map[who][]string{wLiaisonA: {"Ethiopia"}, wLiaisonB: {"Norway"}}}, true
	}
	if strings.HasPrefix(pattern, api+"/") {
		return expect{ok: wStaff}, true
	}
	return expect{}, false
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestRolesMatrix tries every route of the page and API tables as each
// identity: the status it gets, what the page must and must not show,
// and, for a refused change, that nothing changed.
func TestRolesMatrix(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	for _, r := range rolesWho {
		s.as(r.name) // signing in is audited: before any count
	}
	pages := rolesPages(w)
	seen := map[string]bool{}
	for _, p := range s.srvTables().pages {
		key := p.method + " " + p.pattern
		seen[key] = true
		e, ok := pages[key]
		if !ok {
			t.Errorf("%s: the page has no expectation in rolesPages", key)
			continue
		}
		w.check(t, p.method, p.pattern, e, false)
	}
	for key := range pages {
		if !seen[key] {
			t.Errorf("%s: rolesPages expects a page that the table does not have", key)
		}
	}
	for _, rt := range s.srvTables().routes {
		e, ok := rolesAPI(w, rt.pattern)
		if !ok {
			t.Errorf("%s %s: the API route has no expectation in rolesAPI", rt.method, rt.pattern)
			continue
		}
		w.check(t, rt.method, rt.pattern, e, true)
	}
}

// tables are a server's two route tables.
type tables struct {
	pages  []pageRoute
	routes []route
}

// srvTables builds a server over the site's database for its tables.
func (s *site) srvTables() tables {
	srv := New(s.db, s.db, s.db, Config{})
	return tables{pages: srv.pageTable(), routes: srv.routes}
}

// check tries one route as every identity.
func (w *rolesWorld) check(t *testing.T, method, pattern string, e expect, isAPI bool) {
	t.Helper()
	path := w.path(t, pattern) + e.query
	for _, r := range rolesWho {
		admitted := e.ok&r.w != 0
		if method != "GET" && admitted {
			continue // the tests of each part check successful changes
		}
		before := w.s.auditCount()
		status, location, body := w.call(t, r.name, method, path, isAPI)
		where := method + " " + path + " as " + r.name
		switch {
		case !admitted:
			w.refused(t, where, r.w, status, location, isAPI)
			if after := w.s.auditCount(); after != before {
				t.Errorf("%s: refused, yet %d audit rows were added", where, after-before)
			}
		case e.hidden&r.w != 0:
			wantStatus(t, where, status, http.StatusNotFound, body)
		case e.redirect[r.w] != "":
			wantStatus(t, where, status, http.StatusSeeOther, body)
			if !strings.HasPrefix(location, e.redirect[r.w]) {
				t.Errorf("%s: sent to %q, want %q", where, location, e.redirect[r.w])
			}
		default:
			wantStatus(t, where, status, cmp.Or(e.status[r.w], http.StatusOK), body)
			w.content(t, where, body, e.must[r.w], e.mustNot[r.w])
		}
	}
}

// refused checks a refusal: pages send anonymous visitors to the login
// page and answer 403 to the wrong role; the API answers 401 without a
// token and 403 to the wrong role.
func (w *rolesWorld) refused(t *testing.T, where string, id who, status int, location string, isAPI bool) {
	t.Helper()
	switch {
	case id == wAnon && isAPI:
		wantStatus(t, where, status, http.StatusUnauthorized, "")
	case id == wAnon:
		wantStatus(t, where, status, http.StatusSeeOther, "")
		if !strings.HasPrefix(location, "/login?next=") {
			t.Errorf("%s: sent to %q, want the login page", where, location)
		}
	default:
		wantStatus(t, where, status, http.StatusForbidden, "")
	}
}

// content checks the texts a body must and must not hold.
func (w *rolesWorld) content(t *testing.T, where, body string, must, mustNot []string) {
	t.Helper()
	for _, x := range must {
		if !strings.Contains(body, x) {
			t.Errorf("%s: the answer lacks %q", where, x)
		}
	}
	for _, x := range mustNot {
		if strings.Contains(body, x) {
			t.Errorf("%s: the answer shows %q", where, x)
		}
	}
}

// wantStatus reports a status other than want.
func wantStatus(t *testing.T, where string, got, want int, body string) {
	t.Helper()
	if got != want {
		if len(body) > 400 {
			body = body[:400]
		}
		t.Errorf("%s: status %d, want %d %s", where, got, want, body)
	}
}
