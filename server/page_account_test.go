package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"bilat"
	"bilat/auth"
)

// accountDo sends a request with a client, as this site's own page would,
// and returns the response and its parsed body; it follows no redirect.
func (s *site) accountDo(c *http.Client, method, path string, form url.Values) (*http.Response, *goquery.Document) {
	s.t.Helper()
	res, body := s.fetch(c, method, path, form, "Sec-Fetch-Site", "same-origin", "Accept-Language", "en")
	return res, parse(s.t, body)
}

// accountWant fails the test unless a response has the status (and, for a
// redirect, goes to the path).
func accountWant(t *testing.T, what string, res *http.Response, status int, location string) {
	t.Helper()
	if res.StatusCode != status || (location != "" && res.Header.Get("Location") != location) {
		t.Fatalf("%s: %d %q, want %d %q", what, res.StatusCode, res.Header.Get("Location"), status, location)
	}
}

// accountSignIn signs a new client in through the login page and returns
// it with the answer.
func (s *site) accountSignIn(username, password, code string) (*http.Client, *http.Response, *goquery.Document) {
	s.t.Helper()
	c := &http.Client{Jar: newJar(s.t), CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, doc := s.accountDo(c, "POST", "/login", url.Values{"username": {username}, "password": {password}, "code": {code}})
	return c, res, doc
}

// Every account page is for signed-in users only: a visitor is sent to
// sign in, and nothing is changed by a refused post.
func TestAccountPagesNeedSigningIn(t *testing.T) {
	s := newSite(t)
	anonymous := s.as("anonymous")
	for _, path := range []string{"/account", "/account/password", "/account/totp", "/account/totp.png", "/account/tokens"} {
		res, _ := s.accountDo(anonymous, "GET", path, nil)
		accountWant(t, "anonymous GET "+path, res, http.StatusSeeOther, "/login?next="+url.QueryEscape(path))
	}
	before := s.auditCount()
	for _, path := range []string{"/account/password", "/account/totp/start", "/account/tokens", "/account/tokens/1/revoke"} {
		res, _ := s.accountDo(anonymous, "POST", path, url.Values{"name": {"x"}, "scope": {"write"}, "expires": {"0"}})
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("anonymous POST %s: %d %s", path, res.StatusCode, res.Header.Get("Location"))
		}
	}
	if got := s.crossSitePost("/account/tokens", url.Values{"name": {"x"}, "scope": {"write"}, "expires": {"0"}}); got != http.StatusForbidden {
		t.Errorf("a cross-site post: %d", got)
	}
	if s.auditCount() != before {
		t.Error("a refused post changed the desk")
	}
	for _, name := range []string{"admin", "desk", "principal", "viewer", "liaisonA"} {
		for _, path := range []string{"/account", "/account/password", "/account/totp", "/account/tokens"} {
			res, _ := s.accountDo(s.as(name), "GET", path, nil)
			accountWant(t, name+" GET "+path, res, http.StatusOK, "")
		}
	}
}

// The account page says who the user is: a liaison sees their delegation.
func TestAccountShowsWhoIAm(t *testing.T) {
	s := newSite(t)
	_, doc := s.accountDo(s.as("liaisonA"), "GET", "/account", nil)
	if got := must(t, doc, "#account-username").Text(); got != "liaisona" {
		t.Errorf("username %q", got)
	}
	if got := must(t, doc, "#account-role").Text(); got != "Delegation liaison" {
		t.Errorf("role %q", got)
	}
	if got := must(t, doc, "#account-binding").Text(); !strings.Contains(got, "Norway") {
		t.Errorf("binding %q", got)
	}
}

func TestAccountPasswordChange(t *testing.T) {
	s := newSite(t)
	c := s.as("viewer")
	before := s.auditCount()
	change := func(current, next, again string) (*http.Response, *goquery.Document) {
		return s.accountDo(c, "POST", "/account/password", url.Values{"current": {current}, "new": {next}, "again": {again}})
	}
	res, doc := change("not my password at all", "a brand new password", "a brand new password")
	accountWant(t, "a wrong current password", res, http.StatusUnauthorized, "")
	must(t, doc, `#f-current[aria-invalid="true"]`)
	if got := must(t, doc, "#e-current").Text(); got != "This is not your current password." {
		t.Errorf("beside the current password: %q", got)
	}
	res, doc = change(testPassword, "too short", "too short")
	accountWant(t, "a short password", res, http.StatusUnprocessableEntity, "")
	if got := must(t, doc, "#e-new").Text(); got != "must be at least 12 characters" {
		t.Errorf("beside the new password: %q", got)
	}
	res, doc = change(testPassword, "a brand new password", "a brand new passwort")
	accountWant(t, "two different passwords", res, http.StatusUnprocessableEntity, "")
	must(t, doc, "#e-again")
	if doc.Find(`input[type="password"][value]`).Length() != 0 {
		t.Error("a refused form typed a password back into the page")
	}
	if n := s.auditCount() - before; n != 3 {
		t.Errorf("refused changes wrote %d audit rows; want the 3 password checks only", n)
	}
	res, _ = change(testPassword, "a brand new password", "a brand new password")
	accountWant(t, "a good change", res, http.StatusSeeOther, "/account?done=password")
	_, doc = s.accountDo(c, "GET", "/account?done=password", nil)
	must(t, doc, "#account-notice")
	if _, res, _ := s.accountSignIn("viewer", testPassword, ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old password still signs in: %d", res.StatusCode)
	}
	if _, res, _ := s.accountSignIn("viewer", "a brand new password", ""); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password does not sign in: %d", res.StatusCode)
	}
}

// A user with a one-time password is kept on the password page until they
// choose their own.
func TestAccountForcedChange(t *testing.T) {
	s := newSite(t)
	res, doc := s.accountDo(s.as("admin"), "POST", "/admin/users/new", url.Values{"username": {"newdesk"}, "role": {"desk_officer"}})
	accountWant(t, "creating an account", res, http.StatusCreated, "")
	once := must(t, doc, "#one-time-password").Text()
	c, res, _ := s.accountSignIn("newdesk", once, "")
	accountWant(t, "signing in with a one-time password", res, http.StatusSeeOther, passwordPath)
	for _, path := range []string{"/", "/account", "/account/tokens", "/events/" + s.event.Slug + "/"} {
		res, _ := s.accountDo(c, "GET", path, nil)
		accountWant(t, "GET "+path+" before the change", res, http.StatusSeeOther, passwordPath)
	}
	_, doc = s.accountDo(c, "GET", passwordPath, nil)
	must(t, doc, "#account-forced")
	res, _ = s.accountDo(c, "POST", passwordPath, url.Values{"current": {once}, "new": {"my own long password"}, "again": {"my own long password"}})
	accountWant(t, "choosing a password", res, http.StatusSeeOther, "/account?done=password")
	res, _ = s.accountDo(c, "GET", "/", nil)
	accountWant(t, "the home page after the change", res, http.StatusOK, "")
	if u, _ := s.db.UserByName(context.Background(), "newdesk"); u.MustChangePassword {
		t.Error("the one-time flag is still set")
	}
}

func TestAccountTOTP(t *testing.T) {
	s := newSite(t)
	c := s.as("admin")
	_, doc := s.accountDo(c, "GET", "/account", nil)
	must(t, doc, ".account-advice")
	res, _ := s.accountDo(c, "POST", "/account/totp/start", url.Values{})
	accountWant(t, "starting", res, http.StatusSeeOther, "/account/totp")
	_, doc = s.accountDo(c, "GET", "/account/totp", nil)
	secret := strings.ReplaceAll(must(t, doc, "#totp-secret").Text(), " ", "")
	if !strings.HasPrefix(must(t, doc, "#totp-url").Text(), "otpauth://totp/") {
		t.Errorf("the address %q", doc.Find("#totp-url").Text())
	}
	res, _ = s.accountDo(c, "GET", "/account/totp.png", nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/png" {
		t.Errorf("the QR code: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	wrong := accountCode(t, secret, time.Now().Add(-time.Hour))
	if wrong == accountCode(t, secret, time.Now()) {
		wrong = "000000"
	}
	res, doc = s.accountDo(c, "POST", "/account/totp", url.Values{"code": {wrong}})
	accountWant(t, "a wrong code", res, http.StatusUnprocessableEntity, "")
	must(t, doc, "#e-code")
	res, _ = s.accountDo(c, "POST", "/account/totp", url.Values{"code": {accountCode(t, secret, time.Now())}})
	accountWant(t, "the right code", res, http.StatusSeeOther, "/account?done=totp_on")
	if _, res, _ := s.accountSignIn("admin", testPassword, ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("signing in without the code: %d", res.StatusCode)
	}
	if _, res, _ := s.accountSignIn("admin", testPassword, accountCode(t, secret, time.Now())); res.StatusCode != http.StatusSeeOther {
		t.Errorf("signing in with the code: %d", res.StatusCode)
	}
	res, doc = s.accountDo(c, "POST", "/account/totp/off", url.Values{"password": {testPassword}})
	accountWant(t, "turning off without the code", res, http.StatusUnauthorized, "")
	must(t, doc, "#e-password")
	res, _ = s.accountDo(c, "POST", "/account/totp/off", url.Values{"password": {testPassword}, "code": {accountCode(t, secret, time.Now())}})
	accountWant(t, "turning off", res, http.StatusSeeOther, "/account?done=totp_off")
	if u, _ := s.db.UserByName(context.Background(), "admin"); u.TOTPEnabled {
		t.Error("the second factor is still on")
	}
}

func accountCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := auth.TOTPCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// accountAPI calls the API with a bearer token and returns the status.
func (s *site) accountAPI(method, path, token string) int {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.srv.URL+path, strings.NewReader(`{"code":"drones","name_en":"Drones","name_fr":"Drones","name_ar":"مسيرات"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// accountNewToken makes a token through the tokens page and returns its
// secret and id.
func (s *site) accountNewToken(c *http.Client, name, scope, expires string) (string, int64) {
	s.t.Helper()
	res, doc := s.accountDo(c, "POST", "/account/tokens", url.Values{"name": {name}, "scope": {scope}, "expires": {expires}})
	accountWant(s.t, "creating a token", res, http.StatusCreated, "")
	secret := must(s.t, doc, "#token-secret").Text()
	id, _ := strconv.ParseInt(must(s.t, doc, "#tokens tbody tr").First().AttrOr("data-id", ""), 10, 64)
	return secret, id
}

func TestAccountTokens(t *testing.T) {
	s := newSite(t)
	desk := s.client()
	res, doc := s.accountDo(desk, "POST", "/account/tokens", url.Values{"name": {""}, "scope": {"write"}, "expires": {"5"}})
	accountWant(t, "a token without a name", res, http.StatusUnprocessableEntity, "")
	must(t, doc, "#e-name")
	must(t, doc, "#e-expires")
	read, readID := s.accountNewToken(desk, "report", "read", "30")
	write, _ := s.accountNewToken(desk, "sync", "write", "7")
	_, doc = s.accountDo(desk, "GET", "/account/tokens", nil)
	if doc.Find("#token-secret").Length() != 0 || strings.Contains(doc.Text(), read) {
		t.Error("a token's secret is shown again")
	}
	if got := s.accountAPI("GET", "/api/v1/topics", read); got != http.StatusOK {
		t.Errorf("a read token reading: %d", got)
	}
	if got := s.accountAPI("POST", "/api/v1/topics", read); got != http.StatusForbidden {
		t.Errorf("a read token writing: %d", got)
	}
	// Another user's token is not found, and stays working.
	res, _ = s.accountDo(s.as("viewer"), "POST", "/account/tokens/"+strconv.FormatInt(readID, 10)+"/revoke", url.Values{})
	accountWant(t, "revoking another's token", res, http.StatusNotFound, "")
	if got := s.accountAPI("GET", "/api/v1/topics", read); got != http.StatusOK {
		t.Errorf("after another user's revoke: %d", got)
	}
	res, _ = s.accountDo(desk, "POST", "/account/tokens/"+strconv.FormatInt(readID, 10)+"/revoke", url.Values{})
	accountWant(t, "revoking my token", res, http.StatusSeeOther, "/account/tokens")
	if got := s.accountAPI("GET", "/api/v1/topics", read); got != http.StatusUnauthorized {
		t.Errorf("a revoked token: %d", got)
	}
	_, doc = s.accountDo(desk, "GET", "/account/tokens", nil)
	must(t, doc, `#tokens tr[data-id="`+strconv.FormatInt(readID, 10)+`"] .account-revoked`)
	if got := s.accountAPI("POST", "/api/v1/topics", write); got != http.StatusCreated {
		t.Errorf("a write token writing: %d", got)
	}
	s.db.SetClock(func() time.Time { return time.Now().Add(8 * 24 * time.Hour) })
	if got := s.accountAPI("GET", "/api/v1/topics", write); got != http.StatusUnauthorized {
		t.Errorf("a token past its 7 days: %d", got)
	}
}

// Administrators see and revoke anyone's tokens; a token id under the
// wrong user is not found.
func TestAdminRevokesTokens(t *testing.T) {
	s := newSite(t)
	secret, id := s.accountNewToken(s.client(), "sync", "write", "0")
	deskPage := "/admin/users/" + strconv.FormatInt(s.users["desk"].ID, 10)
	revoke := "/tokens/" + strconv.FormatInt(id, 10) + "/revoke"
	_, doc := s.accountDo(s.as("admin"), "GET", deskPage, nil)
	must(t, doc, `#tokens tr[data-id="`+strconv.FormatInt(id, 10)+`"]`)
	res, _ := s.accountDo(s.as("admin"), "POST", "/admin/users/"+strconv.FormatInt(s.users["viewer"].ID, 10)+revoke, url.Values{})
	accountWant(t, "a token under another user", res, http.StatusNotFound, "")
	res, _ = s.accountDo(s.as("desk"), "POST", deskPage+revoke, url.Values{})
	accountWant(t, "a desk officer on the admin route", res, http.StatusForbidden, "")
	if got := s.accountAPI("GET", "/api/v1/topics", secret); got != http.StatusOK {
		t.Errorf("after refused revokes: %d", got)
	}
	res, _ = s.accountDo(s.as("admin"), "POST", deskPage+revoke, url.Values{})
	accountWant(t, "an administrator's revoke", res, http.StatusSeeOther, deskPage)
	if got := s.accountAPI("GET", "/api/v1/topics", secret); got != http.StatusUnauthorized {
		t.Errorf("a token revoked by an administrator: %d", got)
	}
}

// accountLoginError is the message the login page shows.
func accountLoginError(t *testing.T, doc *goquery.Document) string {
	t.Helper()
	return strings.TrimSpace(must(t, doc, "#login-error").Text())
}

// Five wrong passwords lock the account, and the login page says so, even
// to the right password.
func TestAccountLockout(t *testing.T) {
	s := newSite(t)
	var doc *goquery.Document
	var res *http.Response
	for i := 0; i < bilat.MaxFailedLogins; i++ {
		_, res, doc = s.accountSignIn("viewer", "a wrong password "+strconv.Itoa(i), "")
	}
	accountWant(t, "the fifth wrong password", res, http.StatusForbidden, "")
	if got := accountLoginError(t, doc); !strings.Contains(got, "locked for 15 minutes") {
		t.Errorf("the message: %q", got)
	}
	_, res, doc = s.accountSignIn("viewer", testPassword, "")
	accountWant(t, "the right password on a locked account", res, http.StatusForbidden, "")
	if got := accountLoginError(t, doc); !strings.Contains(got, "locked") {
		t.Errorf("the message: %q", got)
	}
}

// One address may try ten logins at once, then one every six seconds: the
// next is answered 429 with a message, whatever the password.
func TestAccountLoginRateLimit(t *testing.T) {
	s := newSite(t)
	var res *http.Response
	var doc *goquery.Document
	for i := 0; i < 20; i++ {
		if _, res, doc = s.accountSignIn("nobody-"+strconv.Itoa(i), "a wrong password", ""); res.StatusCode == http.StatusTooManyRequests {
			break
		}
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, res.StatusCode)
		}
	}
	accountWant(t, "many attempts from one address", res, http.StatusTooManyRequests, "")
	if got := accountLoginError(t, doc); !strings.Contains(got, "Too many attempts from your address") {
		t.Errorf("the message: %q", got)
	}
	_, res, _ = s.accountSignIn("desk", testPassword, "")
	accountWant(t, "the right password once limited", res, http.StatusTooManyRequests, "")
}
