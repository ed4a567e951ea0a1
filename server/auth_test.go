package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"bilat"
)

func TestAPINeedsAToken(t *testing.T) {
	c := newClient(t)
	anonymous := client{t: t, s: c.s}
	w := anonymous.do("GET", "/api/v1/partners", nil)
	if w.Code != http.StatusUnauthorized || !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("no token: %d %q", w.Code, w.Header().Get("WWW-Authenticate"))
	}
	forged := client{t: t, s: c.s, token: "bilat_not-a-token"}
	if w := forged.do("GET", "/api/v1/partners", nil); w.Code != http.StatusUnauthorized {
		t.Errorf("a made-up token: %d", w.Code)
	}
	if w := anonymous.do("GET", "/healthz", nil); w.Code != http.StatusOK {
		t.Errorf("healthz needs no token: %d", w.Code)
	}
}

func TestAPIScopesAndRoles(t *testing.T) {
	db := MustOpenDB(t)
	c := apiClient(t, db)
	readToken, _ := mustToken(t, db, bilat.RoleDesk, bilat.ScopeWrite)
	readOnly, _ := mustToken(t, db, bilat.RoleDesk, bilat.ScopeRead)
	viewerToken, _ := mustToken(t, db, bilat.RoleViewer, bilat.ScopeWrite)
	topic := map[string]string{"code": "drones", "name_en": "Drones", "name_fr": "Drones", "name_ar": "الطائرات المسيرة"}
	if w := (client{t: t, s: c.s, token: readOnly}).do("GET", "/api/v1/topics", nil); w.Code != http.StatusOK {
		t.Errorf("a read token reading: %d", w.Code)
	}
	if w := (client{t: t, s: c.s, token: readOnly}).do("POST", "/api/v1/topics", topic); w.Code != http.StatusForbidden {
		t.Errorf("a read token writing: %d", w.Code)
	}
	if w := (client{t: t, s: c.s, token: viewerToken}).do("GET", "/api/v1/topics", nil); w.Code != http.StatusForbidden {
		t.Errorf("a viewer's token: %d", w.Code)
	}
	if w := (client{t: t, s: c.s, token: readToken}).do("POST", "/api/v1/topics", topic); w.Code != http.StatusCreated {
		t.Errorf("a desk officer's write token: %d %s", w.Code, w.Body)
	}
}

// The API takes a token, never the session cookie: a signed-in browser
// calling the API without a token is refused.
func TestAPIIgnoresTheSessionCookie(t *testing.T) {
	s := newSite(t)
	res, err := s.client().Get(s.srv.URL + "/api/v1/partners")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the API with a session cookie only: %d", res.StatusCode)
	}
}

func TestPagesNeedSigningIn(t *testing.T) {
	s := newSite(t)
	res, err := s.as("anonymous").Get(s.srv.URL + "/events/" + s.event.Slug + "/requests?status=accepted")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, _ := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || loc.Path != "/login" || loc.Query().Get("next") != "/events/"+s.event.Slug+"/requests?status=accepted" {
		t.Errorf("anonymous: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, err = s.as("viewer").Get(s.srv.URL + "/events/" + s.event.Slug + "/requests")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer in the inbox: %d", res.StatusCode)
	}
}

func TestLoginPage(t *testing.T) {
	s := newSite(t)
	c := s.as("anonymous")
	post := func(form url.Values) *http.Response {
		req, _ := http.NewRequest("POST", s.srv.URL+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := post(url.Values{"username": {"desk"}, "password": {"wrong password!"}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a wrong password: %d", res.StatusCode)
	}
	res := post(url.Values{"username": {"desk"}, "password": {testPassword}, "next": {"https://evil.example/"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Errorf("a login sent to another site: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	cookie := ""
	for _, c := range res.Cookies() {
		if c.Name == "bilat_session" {
			cookie = c.String()
		}
	}
	if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") {
		t.Errorf("session cookie %q", cookie)
	}
}

// A new password ends the account's other sessions; the session that
// changed it carries on.
func TestNewPasswordEndsOtherSessions(t *testing.T) {
	s := newSite(t)
	other := s.as("desk")
	this := &http.Client{Jar: newJar(t), CheckRedirect: other.CheckRedirect}
	post := func(c *http.Client, path string, form url.Values) *http.Response {
		req, _ := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := post(this, "/login", url.Values{"username": {"desk"}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second sign-in: %d", res.StatusCode)
	}
	next := "another long test password"
	res := post(this, passwordPath, url.Values{"current": {testPassword}, "new": {next}, "again": {next}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("changing the password: %d", res.StatusCode)
	}
	status := func(c *http.Client) int {
		res, err := c.Get(s.srv.URL + "/account")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := status(this); got != http.StatusOK {
		t.Errorf("the session that changed the password: %d, want 200", got)
	}
	if got := status(other); got != http.StatusSeeOther {
		t.Errorf("another session after the change: %d, want 303 to the login page", got)
	}
}
