package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"bilat"
	"bilat/auth"
	"bilat/demo"
	"bilat/store"
)

// The demo desk is built once per test binary into a file that each test
// copies, so that every test gets the whole Marrakech case, fresh.
var (
	demoOnce sync.Once
	demoFile string
	demoErr  error
)

func buildDemoFile() (string, error) {
	dir, err := os.MkdirTemp("", "bilat-demo-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "demo.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		return "", err
	}
	if _, err := demo.Build(ctx, db, bilat.LocalActor); err != nil {
		db.Close()
		return "", err
	}
	return path, db.Close()
}

// site is a running server over a fresh copy of the demo desk, with a
// user of every role: "admin", "desk", "principal" (the Director
// General), "viewer", and "liaisonA" and "liaisonB" (of the delegations of
// Norway and Ethiopia). Every one's password is testPassword.
type site struct {
	t       *testing.T
	srv     *httptest.Server
	db      *store.DB
	event   *bilat.Event
	users   map[string]*bilat.User
	clients map[string]*http.Client
}

// testPassword is the password of every test user.
const testPassword = "a long test password"

// newSite serves a fresh copy of the demo desk.
func newSite(t *testing.T) *site {
	t.Helper()
	demoOnce.Do(func() { demoFile, demoErr = buildDemoFile() })
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	path := filepath.Join(t.TempDir(), "bilat.db")
	buf, err := os.ReadFile(demoFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e, err := db.EventBySlug(context.Background(), demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(db, db, db, Config{Sessions: db.Sessions()}))
	t.Cleanup(srv.Close)
	s := &site{t: t, srv: srv, db: db, event: e, users: map[string]*bilat.User{}, clients: map[string]*http.Client{}}
	s.makeUsers()
	s.as("desk") // signed in before a test counts audit rows
	return s
}

// makeUsers creates a user of every role.
func (s *site) makeUsers() {
	ctx := context.Background()
	s.db.SetPasswordParams(auth.FastParams)
	principals, _, err := s.db.ListPrincipals(ctx, bilat.EventPart{EventID: s.event.ID})
	if err != nil || len(principals) == 0 {
		s.t.Fatalf("the demo's principals: %v", err)
	}
	liaisonOf := func(code string) *bilat.User {
		p, err := s.db.PartnerByCode(ctx, code)
		if err != nil {
			s.t.Fatal(err)
		}
		ds, _, err := s.db.ListDelegations(ctx, bilat.DelegationFilter{EventID: s.event.ID, PartnerID: p.ID})
		if err != nil || len(ds) != 1 {
			s.t.Fatalf("the delegation of %s: %v", code, err)
		}
		return &bilat.User{Role: bilat.RoleLiaison, EventID: s.event.ID, DelegationID: ds[0].ID}
	}
	for name, u := range map[string]*bilat.User{
		"admin":     {Role: bilat.RoleAdmin},
		"desk":      {Role: bilat.RoleDesk},
		"viewer":    {Role: bilat.RoleViewer},
		"principal": {Role: bilat.RolePrincipal, PersonID: principals[0].PersonID},
		"liaisonA":  liaisonOf("NO"),
		"liaisonB":  liaisonOf("ET"),
	} {
		u.Username = strings.ToLower(name)
		if err := s.db.CreateUser(ctx, bilat.LocalActor, u, testPassword, false); err != nil {
			s.t.Fatal(err)
		}
		s.users[name] = u
	}
}

// as returns a client signed in as one of the site's users (see site),
// or, for "anonymous", a client signed in as nobody. It does not follow
// redirects.
func (s *site) as(name string) *http.Client {
	s.t.Helper()
	if c := s.clients[name]; c != nil {
		return c
	}
	c := &http.Client{Jar: newJar(s.t), CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if name != "anonymous" {
		u := s.users[name]
		if u == nil {
			s.t.Fatalf("no test user %q", name)
		}
		form := url.Values{"username": {u.Username}, "password": {testPassword}}
		req, _ := http.NewRequest("POST", s.srv.URL+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := c.Do(req)
		if err != nil {
			s.t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			s.t.Fatalf("signing in as %s: status %d", name, res.StatusCode)
		}
	}
	s.clients[name] = c
	return c
}

// client is the desk officer's client, which the page tests use.
func (s *site) client() *http.Client { return s.as("desk") }

// get fetches a page in a language and parses it, failing on any status
// other than want.
func (s *site) get(path, lang string, want int) *goquery.Document {
	s.t.Helper()
	res, body := s.fetch(s.client(), "GET", path, nil, "Accept-Language", lang)
	if res.StatusCode != want {
		s.t.Fatalf("GET %s: status %d, want %d\n%s", path, res.StatusCode, want, body)
	}
	return parse(s.t, body)
}

// fetch sends a request with client c — a form posted as this site's own
// page would when form is not nil — with the header given as name, value
// pairs, and returns the response with its body read.
func (s *site) fetch(c *http.Client, method, path string, form url.Values, header ...string) (*http.Response, []byte) {
	s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, s.srv.URL+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return res, b
}

// parse parses an HTML body.
func parse(t *testing.T, body []byte) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// must asserts that a selector matches at least one element.
func must(t *testing.T, doc *goquery.Document, selector string) *goquery.Selection {
	t.Helper()
	sel := doc.Find(selector)
	if sel.Length() == 0 {
		html, _ := doc.Html()
		if len(html) > 3000 {
			html = html[:3000] + "…"
		}
		t.Fatalf("no element matches %q in\n%s", selector, html)
	}
	return sel
}

func TestLayoutFollowsTheLanguage(t *testing.T) {
	s := newSite(t)
	for lang, dir := range map[string]string{"en": "ltr", "fr": "ltr", "ar": "rtl"} {
		doc := s.get("/", lang, http.StatusOK)
		must(t, doc, `html[lang="`+lang+`"][dir="`+dir+`"]`)
		must(t, doc, `a[href="/events/`+s.event.Slug+`/"]`)
		must(t, doc, `nav.langs a[aria-current][hreflang="`+lang+`"]`)
	}
}

func TestLanguageChoiceIsRemembered(t *testing.T) {
	s := newSite(t)
	jar := newJar(t)
	c := &http.Client{Jar: jar}
	res, err := c.Get(s.srv.URL + "/login?lang=ar")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	res, err = c.Get(s.srv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, _ := goquery.NewDocumentFromReader(res.Body)
	must(t, doc, `html[lang="ar"][dir="rtl"]`)
}

func TestUnknownEventIsAPageNotFound(t *testing.T) {
	s := newSite(t)
	doc := s.get("/events/no-such-event/", "fr", http.StatusNotFound)
	must(t, doc, `html[lang="fr"] [role="alert"][data-code="not_found"]`)
}

func TestStaticFilesAndSecurityHeaders(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{"/static/vendor/htmx-2.0.11.min.js", "/static/css/bilat.css", "/static/js/bilat.js"} {
		res, err := http.Get(s.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, res.StatusCode)
		}
	}
	res, err := http.Get(s.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("Content-Security-Policy: %q", csp)
	}
	if res.Header.Get("X-Frame-Options") != "DENY" {
		t.Error("pages may be framed")
	}
}

// A page of another site must not be able to make the browser change the
// desk (cross-site request forgery): such a request is refused, and
// nothing changes.
func TestCrossSiteWritesAreRefused(t *testing.T) {
	s := newSite(t)
	before, _, err := s.db.ListAudit(context.Background(), bilat.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/topics", "/events/" + s.event.Slug + "/requests"} {
		req, _ := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(`{"code":"x","name_en":"X","name_fr":"X","name_ar":"X"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://evil.example")
		res, err := s.client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", path, res.StatusCode)
		}
	}
	after, _, err := s.db.ListAudit(context.Background(), bilat.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("a refused request changed the desk: %d audit rows, was %d", len(after), len(before))
	}
}

// post submits a form as this site's own page would, and returns the
// response with its parsed body. It does not follow redirects.
func (s *site) post(path string, form url.Values, htmx bool) (*http.Response, *goquery.Document) {
	s.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	var header []string
	if htmx {
		header = []string{"HX-Request", "true"}
	}
	res, body := s.fetch(s.client(), "POST", path, form, header...)
	return res, parse(s.t, body)
}

// crossSitePost submits a form as another site's page would, and returns
// the status. The desk must refuse it (403) and change nothing.
func (s *site) crossSitePost(path string, form url.Values) int {
	s.t.Helper()
	req, err := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	res, err := s.client().Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// auditCount is the number of audit rows: a refused request must not
// change it.
func (s *site) auditCount() int {
	s.t.Helper()
	_, total, err := s.db.ListAudit(context.Background(), bilat.AuditFilter{Page: bilat.Page{Limit: 1}})
	if err != nil {
		s.t.Fatal(err)
	}
	return total
}
