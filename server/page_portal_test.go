package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"bilat"
)

// portalDo sends a request as one of the site's users (a form when form
// is not nil, posted as this site's own page would) and returns the
// status and the body. It does not follow redirects.
func (s *site) portalDo(name, method, path string, form url.Values) (*http.Response, string) {
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
	res, err := s.as(name).Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return res, string(b)
}

// portalDoc parses a page's body.
func portalDoc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// delegationOf is the demo's delegation of a partner code.
func (s *site) delegationOf(code string) *bilat.Delegation {
	s.t.Helper()
	ctx := context.Background()
	p, err := s.db.PartnerByCode(ctx, code)
	if err != nil {
		s.t.Fatal(err)
	}
	ds, _, err := s.db.ListDelegations(ctx, bilat.DelegationFilter{EventID: s.event.ID, PartnerID: p.ID})
	if err != nil || len(ds) != 1 {
		s.t.Fatalf("the delegation of %s: %v", code, err)
	}
	return ds[0]
}

// requestsOf lists a delegation's requests.
func (s *site) requestsOf(d int64) []*bilat.Request {
	s.t.Helper()
	xs, _, err := s.db.ListRequests(context.Background(), bilat.RequestFilter{EventID: s.event.ID, DelegationID: d, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		s.t.Fatal(err)
	}
	return xs
}

// The desk invites Czechia's liaison, who opens the link, makes an
// account and lands in the portal; the link then opens nothing more.
func TestPortalInvitationFlow(t *testing.T) {
	s := newSite(t)
	cz := s.delegationOf("CZ")
	invite := fmt.Sprintf("/delegations/%d/invite", cz.ID)
	res, body := s.portalDo("desk", "GET", invite, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Czechia") {
		t.Fatalf("the invitation page: %d", res.StatusCode)
	}
	res, body = s.portalDo("desk", "POST", invite, url.Values{"days": {"0"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("zero days: %d", res.StatusCode)
	}
	must(t, portalDoc(t, body), `#e-days`)
	res, body = s.portalDo("desk", "POST", invite, url.Values{"days": {"7"}, "note": {"liaison@mzv.example"}})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("making an invitation: %d\n%s", res.StatusCode, body)
	}
	link, _ := must(t, portalDoc(t, body), `#invite-link`).Attr("value")
	if !strings.HasPrefix(link, s.srv.URL+"/invite/inv_") {
		t.Fatalf("the link %q is not of this site", link)
	}
	path := strings.TrimPrefix(link, s.srv.URL)

	res, body = s.portalDo("anonymous", "GET", path, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(must(t, portalDoc(t, body), `#accept-for`).Text(), "Czechia") {
		t.Fatalf("opening the invitation: %d\n%s", res.StatusCode, body)
	}
	before := s.auditCount()
	res, body = s.portalDo("anonymous", "POST", path, url.Values{"username": {"cz-liaison"}, "password": {testPassword}, "password2": {"something else entirely"}})
	if res.StatusCode != http.StatusUnprocessableEntity || s.auditCount() != before {
		t.Errorf("passwords that differ: %d, audit %d → %d", res.StatusCode, before, s.auditCount())
	}
	must(t, portalDoc(t, body), `#e-password2`)
	res, body = s.portalDo("anonymous", "POST", path, url.Values{"username": {"cz-liaison"}, "password": {"short"}, "password2": {"short"}})
	if res.StatusCode != http.StatusUnprocessableEntity || s.auditCount() != before {
		t.Errorf("a short password: %d", res.StatusCode)
	}
	must(t, portalDoc(t, body), `#e-password`)
	res, _ = s.portalDo("anonymous", "POST", path, url.Values{"username": {"cz-liaison"}, "password": {testPassword}, "password2": {testPassword}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/portal" {
		t.Fatalf("accepting: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body = s.portalDo("anonymous", "GET", "/portal", nil) // the same client, now signed in
	if res.StatusCode != http.StatusOK || !strings.Contains(must(t, portalDoc(t, body), `h1`).Text(), "Czechia") {
		t.Fatalf("the new liaison's portal: %d", res.StatusCode)
	}
	u, err := s.db.UserByName(context.Background(), "cz-liaison")
	if err != nil || u.Role != bilat.RoleLiaison || u.DelegationID != cz.ID || u.EventID != s.event.ID {
		t.Fatalf("the account made: %+v %v", u, err)
	}

	// Used: refused, and nothing changes.
	delete(s.clients, "anonymous")
	before = s.auditCount()
	res, body = s.portalDo("anonymous", "POST", path, url.Values{"username": {"cz-second"}, "password": {testPassword}, "password2": {testPassword}})
	if res.StatusCode != http.StatusUnauthorized || s.auditCount() != before {
		t.Errorf("reusing the invitation: %d, audit %d → %d", res.StatusCode, before, s.auditCount())
	}
	if msg := must(t, portalDoc(t, body), `#accept-refused`).Text(); !strings.Contains(msg, "used") {
		t.Errorf("the refusal says %q", msg)
	}
	if _, err := s.db.UserByName(context.Background(), "cz-second"); bilat.ErrorCode(err) != bilat.ENOTFOUND {
		t.Errorf("a reused invitation made an account: %v", err)
	}
	_, body = s.portalDo("desk", "GET", invite, nil)
	row := must(t, portalDoc(t, body), `tr.invite-used`)
	if !strings.Contains(row.Text(), "cz-liaison") || !strings.Contains(row.Text(), "liaison@mzv.example") {
		t.Errorf("the used invitation's row: %q", row.Text())
	}
	if res, _ := s.portalDo("anonymous", "GET", "/invite/inv_made-up", nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("an unknown invitation: %d", res.StatusCode)
	}
}

// An expired invitation opens nothing; a signed-in user is told to sign
// out first.
func TestPortalInvitationExpiredOrSignedIn(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	cz := s.delegationOf("CZ")
	secret, err := s.db.CreateInvitation(ctx, bilat.LocalActor, &bilat.Invitation{EventID: s.event.ID, DelegationID: cz.ID, ExpiresAt: time.Now().Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	res, body := s.portalDo("liaisonA", "GET", "/invite/"+secret, nil)
	if res.StatusCode != http.StatusOK {
		t.Errorf("signed in: %d", res.StatusCode)
	}
	must(t, portalDoc(t, body), `#accept-signed-in`)
	if res, _ := s.portalDo("liaisonA", "POST", "/invite/"+secret, url.Values{"username": {"x-liaison"}, "password": {testPassword}, "password2": {testPassword}}); res.StatusCode != http.StatusConflict {
		t.Errorf("accepting while signed in: %d", res.StatusCode)
	}
	s.db.SetClock(func() time.Time { return time.Now().Add(48 * time.Hour) })
	before := s.auditCount()
	res, body = s.portalDo("anonymous", "GET", "/invite/"+secret, nil)
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(must(t, portalDoc(t, body), `#accept-refused`).Text(), "expired") {
		t.Errorf("expired: %d", res.StatusCode)
	}
	res, _ = s.portalDo("anonymous", "POST", "/invite/"+secret, url.Values{"username": {"late-liaison"}, "password": {testPassword}, "password2": {testPassword}})
	if res.StatusCode != http.StatusUnauthorized || s.auditCount() != before {
		t.Errorf("accepting an expired invitation: %d, audit %d → %d", res.StatusCode, before, s.auditCount())
	}
}
