package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"bilat"
	"bilat/auth"
)

// adminPath is the administrator's page of one of the site's users.
func (s *site) adminPath(name string, rest ...string) string {
	return "/admin/users/" + strconv.FormatInt(s.users[name].ID, 10) + strings.Join(rest, "")
}

func TestAdminPagesAreForAdministrators(t *testing.T) {
	s := newSite(t)
	gets := []string{"/admin/users", "/admin/users/new", s.adminPath("viewer")}
	for _, path := range gets {
		res, _ := s.accountDo(s.as("anonymous"), "GET", path, nil)
		accountWant(t, "anonymous GET "+path, res, http.StatusSeeOther, "/login?next="+url.QueryEscape(path))
		for _, name := range []string{"desk", "principal", "viewer", "liaisonA", "liaisonB"} {
			res, _ := s.accountDo(s.as(name), "GET", path, nil)
			accountWant(t, name+" GET "+path, res, http.StatusForbidden, "")
		}
		res, _ = s.accountDo(s.as("admin"), "GET", path, nil)
		accountWant(t, "admin GET "+path, res, http.StatusOK, "")
	}
	before := s.auditCount()
	posts := map[string]url.Values{
		"/admin/users/new":                      {"username": {"intruder"}, "role": {"administrator"}},
		s.adminPath("desk"):                     {"role": {"administrator"}, "version": {"1"}},
		s.adminPath("admin", "/reset"):          {},
		s.adminPath("admin", "/disable"):        {},
		s.adminPath("desk", "/tokens/1/revoke"): {},
	}
	for path, form := range posts {
		for _, name := range []string{"desk", "viewer", "liaisonA"} {
			res, _ := s.accountDo(s.as(name), "POST", path, form)
			accountWant(t, name+" POST "+path, res, http.StatusForbidden, "")
		}
		res, _ := s.accountDo(s.as("anonymous"), "POST", path, form)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("anonymous POST %s: %d", path, res.StatusCode)
		}
	}
	if got := s.crossSitePost("/admin/users/new", posts["/admin/users/new"]); got != http.StatusForbidden {
		t.Errorf("a cross-site post: %d", got)
	}
	if s.auditCount() != before {
		t.Error("a refused post changed the desk")
	}
}

func TestAdminListsUsers(t *testing.T) {
	s := newSite(t)
	_, doc := s.accountDo(s.as("admin"), "GET", "/admin/users", nil)
	for _, name := range []string{"admin", "desk", "principal", "viewer", "liaisona", "liaisonb"} {
		must(t, doc, `#users tr[data-username="`+name+`"]`)
	}
	if got := doc.Find(`#users tr[data-username="liaisona"]`).Text(); !strings.Contains(got, "Norway") {
		t.Errorf("liaison A's binding: %q", got)
	}
	if doc.Find(`#users tr[data-username="admin"] form`).Length() != 0 {
		t.Error("an administrator is offered to disable themselves")
	}
	_, doc = s.accountDo(s.as("admin"), "GET", "/admin/users?role=liaison", nil)
	if n := doc.Find("#users tbody tr").Length(); n != 2 {
		t.Errorf("%d liaisons", n)
	}
}

func TestAdminCreatesUsers(t *testing.T) {
	s := newSite(t)
	c := s.as("admin")
	ctx := context.Background()
	before := s.auditCount()
	for _, bad := range []struct {
		form  url.Values
		field string
	}{
		{url.Values{"username": {"Not Valid!"}, "role": {"viewer"}}, "username"},
		{url.Values{"username": {"desk"}, "role": {"viewer"}}, "username"},
		{url.Values{"username": {"dg2"}, "role": {"principal"}}, "person_id"},
		{url.Values{"username": {"li"}, "role": {"liaison"}}, "delegation_id"},
		{url.Values{"username": {"li"}, "role": {"liaison"}, "delegation_id": {"999999"}}, "delegation_id"},
	} {
		res, doc := s.accountDo(c, "POST", "/admin/users/new", bad.form)
		accountWant(t, "creating "+bad.form.Encode(), res, http.StatusUnprocessableEntity, "")
		must(t, doc, `#f-`+bad.field+`[aria-invalid="true"]`)
		must(t, doc, `#e-`+bad.field)
	}
	if s.auditCount() != before {
		t.Error("a refused form changed the desk")
	}
	liaison := s.users["liaisonB"]
	res, doc := s.accountDo(c, "POST", "/admin/users/new", url.Values{"username": {"ethiopia2"}, "role": {"liaison"},
		"delegation_id": {strconv.FormatInt(liaison.DelegationID, 10)}, "person_id": {"1"}})
	accountWant(t, "a liaison", res, http.StatusCreated, "")
	must(t, doc, "#one-time-password")
	u, err := s.db.UserByName(ctx, "ethiopia2")
	if err != nil {
		t.Fatal(err)
	}
	if u.EventID != s.event.ID || u.DelegationID != liaison.DelegationID || u.PersonID != 0 || !u.MustChangePassword {
		t.Errorf("the liaison made: %+v", u)
	}
}

func TestAdminEditsUsers(t *testing.T) {
	s := newSite(t)
	c := s.as("admin")
	ctx := context.Background()
	viewer, _ := s.db.User(ctx, s.users["viewer"].ID)
	version := strconv.Itoa(viewer.Version)
	res, _ := s.accountDo(c, "POST", s.adminPath("viewer"), url.Values{"role": {"desk_officer"}, "version": {version}})
	accountWant(t, "making the viewer a desk officer", res, http.StatusSeeOther, "/admin/users?saved="+strconv.FormatInt(viewer.ID, 10))
	if u, _ := s.db.User(ctx, viewer.ID); u.Role != bilat.RoleDesk {
		t.Errorf("role %s", u.Role)
	}
	res, doc := s.accountDo(c, "POST", s.adminPath("viewer"), url.Values{"role": {"viewer"}, "version": {version}})
	accountWant(t, "a stale version", res, http.StatusUnprocessableEntity, "")
	must(t, doc, "#admin-conflict")

	me, _ := s.db.User(ctx, s.users["admin"].ID)
	res, doc = s.accountDo(c, "POST", s.adminPath("admin"), url.Values{"role": {"desk_officer"}, "version": {strconv.Itoa(me.Version)}})
	accountWant(t, "demoting myself", res, http.StatusUnprocessableEntity, "")
	must(t, doc, "#e-role")
	res, doc = s.accountDo(c, "POST", s.adminPath("admin"), url.Values{"role": {"administrator"}, "disabled": {"1"}, "version": {strconv.Itoa(me.Version)}})
	accountWant(t, "disabling myself in the form", res, http.StatusUnprocessableEntity, "")
	must(t, doc, "#e-disabled")
	res, doc = s.accountDo(c, "POST", s.adminPath("admin", "/disable"), url.Values{})
	accountWant(t, "disabling myself", res, http.StatusUnprocessableEntity, "")
	must(t, doc, "#admin-refused")
	if u, _ := s.db.User(ctx, me.ID); u.Role != bilat.RoleAdmin || u.Disabled {
		t.Errorf("the administrator changed themselves: %+v", u)
	}

	principal := s.as("principal")
	res, _ = s.accountDo(c, "POST", s.adminPath("principal", "/disable"), url.Values{})
	accountWant(t, "disabling the principal", res, http.StatusSeeOther, "/admin/users")
	res, _ = s.accountDo(principal, "GET", "/account", nil)
	accountWant(t, "a disabled user's open session", res, http.StatusSeeOther, "/login?next=%2Faccount")
	_, res, doc = s.accountSignIn("principal", testPassword, "")
	accountWant(t, "a disabled user signing in", res, http.StatusForbidden, "")
	if got := accountLoginError(t, doc); !strings.Contains(got, "disabled") {
		t.Errorf("the message: %q", got)
	}
	res, _ = s.accountDo(c, "POST", s.adminPath("principal", "/enable"), url.Values{})
	accountWant(t, "enabling the principal", res, http.StatusSeeOther, "/admin/users")
	if _, res, _ := s.accountSignIn("principal", testPassword, ""); res.StatusCode != http.StatusSeeOther {
		t.Errorf("an enabled user signing in: %d", res.StatusCode)
	}
}

// A reset gives a working one-time password, unlocks the account and
// forces a change at the next sign-in.
func TestAdminResetsPasswords(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for i := 0; i < bilat.MaxFailedLogins; i++ {
		s.db.Authenticate(ctx, bilat.Login{Username: "viewer", Password: "a wrong password"})
	}
	if _, err := s.db.Authenticate(ctx, bilat.Login{Username: "viewer", Password: testPassword}); bilat.ErrorCode(err) != bilat.EFORBIDDEN {
		t.Fatalf("the viewer is not locked: %v", err)
	}
	res, doc := s.accountDo(s.as("admin"), "POST", s.adminPath("viewer", "/reset"), url.Values{})
	accountWant(t, "a reset", res, http.StatusOK, "")
	once := must(t, doc, "#one-time-password").Text()
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Error("the one-time password may be cached")
	}
	if _, res, _ := s.accountSignIn("viewer", testPassword, ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old password after a reset: %d", res.StatusCode)
	}
	_, res, _ = s.accountSignIn("viewer", once, "")
	accountWant(t, "the one-time password", res, http.StatusSeeOther, passwordPath)
}

// The accounts list shows which are locked, and which have a second
// factor.
func TestAdminListShowsLocksAndSecondFactors(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for range bilat.MaxFailedLogins {
		s.db.Authenticate(ctx, bilat.Login{Username: "viewer", Password: "wrong password!"})
	}
	secret, _, _ := auth.NewTOTP("bilat", "principal")
	if err := s.db.SetTOTP(ctx, bilat.LocalActor, s.users["principal"].ID, secret); err != nil {
		t.Fatal(err)
	}
	res, err := s.as("admin").Get(s.srv.URL + "/admin/users")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	locked := doc.Find(`[data-locked]`)
	if locked.Length() != 1 || !strings.Contains(locked.Closest("tr").Text(), "viewer") {
		t.Errorf("locked badges: %d, in %q", locked.Length(), locked.Closest("tr").Text())
	}
	if !strings.Contains(doc.Text(), "principal") || doc.Find(`tr:contains("principal") .badge`).Length() < 2 {
		t.Error("the principal's second factor is not shown")
	}
}
