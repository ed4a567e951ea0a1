package server

import (
	"context"
	"fmt"
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
	res, body := s.fetch(s.as(name), method, path, form)
	return res, string(body)
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

// otherNames are the names, in every language, of the partners of the
// delegations other than own that have requests: none may appear in own's
// portal.
func (s *site) otherNames(own int64) []string {
	s.t.Helper()
	ctx := context.Background()
	seen := map[int64]bool{own: true}
	var names []string
	for _, x := range s.requestsOf(0) {
		if seen[x.DelegationID] {
			continue
		}
		seen[x.DelegationID] = true
		d, err := s.db.Delegation(ctx, x.DelegationID)
		if err != nil {
			s.t.Fatal(err)
		}
		p, err := s.db.Partner(ctx, d.PartnerID)
		if err != nil {
			s.t.Fatal(err)
		}
		names = append(names, p.NameEN, p.NameFR, p.NameAR)
	}
	return names
}

// Liaison A's portal and calendar show Norway's records and nothing of
// any other delegation, in every language.
func TestPortalShowsOnlyOwnDelegation(t *testing.T) {
	s := newSite(t)
	no := s.delegationOf("NO")
	others := s.otherNames(no.ID)
	if len(others) < 30 {
		t.Fatalf("only %d other names", len(others))
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		res, body := s.portalDo("liaisonA", "GET", "/portal?lang="+lang, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", lang, res.StatusCode)
		}
		doc := portalDoc(t, body)
		must(t, doc, `html[lang="`+lang+`"]`)
		text := doc.Find("main").Text()
		for _, name := range others {
			if name != "" && strings.Contains(text, name) {
				t.Errorf("%s: the portal names %q", lang, name)
			}
		}
		if lang == "en" && !strings.Contains(must(t, doc, "h1").Text(), "Norway") {
			t.Errorf("the heading: %q", doc.Find("h1").Text())
		}
		if doc.Find(`a[href^="/events/"], a[href^="/meetings/"], a[href^="/partners"]`).Length() > 0 {
			t.Errorf("%s: the portal links to the desk's pages", lang)
		}
	}
	_, body := s.portalDo("liaisonA", "GET", "/portal", nil)
	doc := portalDoc(t, body)
	own := s.requestsOf(no.ID)
	if got := doc.Find(`tr[data-request]`).Length(); got != len(own) {
		t.Errorf("%d requests listed, Norway has %d", got, len(own))
	}
	_, cal := s.portalDo("liaisonA", "GET", "/portal/calendar.ics", nil)
	for _, name := range others {
		if name != "" && strings.Contains(cal, name) {
			t.Errorf("the calendar names %q", name)
		}
	}
}

// Liaison A naming B's records by id gets what an unknown id gets: 404,
// and nothing changes.
func TestPortalOtherDelegationIsNotFound(t *testing.T) {
	s := newSite(t)
	et := s.delegationOf("ET")
	theirs := s.requestsOf(et.ID)
	if len(theirs) == 0 {
		t.Fatal("Ethiopia has no request")
	}
	b := theirs[0]
	s.as("liaisonA") // signing in is audited
	s.as("liaisonB")
	before := s.auditCount()
	for _, id := range []int64{b.ID, 999999} {
		res, body := s.portalDo("liaisonA", "POST", fmt.Sprintf("/portal/requests/%d/withdraw", id), url.Values{"version": {fmt.Sprint(b.Version)}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("withdrawing request %d: %d", id, res.StatusCode)
		}
		if !strings.Contains(body, fmt.Sprintf("request %d not found", id)) {
			t.Errorf("withdrawing request %d does not say the same as an unknown id", id)
		}
	}
	meetings, _, err := s.db.ListMeetings(context.Background(), bilat.MeetingFilter{EventID: s.event.ID, DelegationID: et.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range meetings {
		if res, _ := s.portalDo("liaisonA", "GET", fmt.Sprintf("/meetings/%d", m.ID), nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("the desk's meeting page of B's meeting %d: %d", m.ID, res.StatusCode)
		}
	}
	// B's unavailability cannot be removed by A.
	res, _ := s.portalDo("liaisonB", "POST", "/portal/unavailability", url.Values{"start": {"2025-11-25T09:00"}, "end": {"2025-11-25T10:00"}, "reason": {"Embassy visit"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("B's unavailability: %d", res.StatusCode)
	}
	sessions, _, _ := s.db.ListSessions(context.Background(), bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: bilat.MaxLimit}})
	var bAway *bilat.ProgrammeSession
	for _, x := range sessions {
		if strings.Contains(x.Title, "Embassy visit") {
			bAway = x
		}
	}
	if bAway == nil {
		t.Fatal("B's unavailability is not in the programme")
	}
	before = s.auditCount()
	if res, _ := s.portalDo("liaisonA", "POST", fmt.Sprintf("/portal/unavailability/%d/remove", bAway.ID), url.Values{}); res.StatusCode != http.StatusNotFound {
		t.Errorf("A removing B's period: %d", res.StatusCode)
	}
	_, body := s.portalDo("liaisonA", "GET", "/portal", nil)
	if strings.Contains(body, "Embassy visit") {
		t.Error("A's portal shows B's unavailability")
	}
	if s.auditCount() != before {
		t.Errorf("refused requests changed the desk: audit %d → %d", before, s.auditCount())
	}
	after, err := s.db.Request(context.Background(), b.ID)
	if err != nil || after.Status != b.Status || after.Version != b.Version {
		t.Errorf("B's request changed: %+v %v", after, err)
	}
}

// Who may open the portal, and what the portal's liaison may not open.
func TestPortalRoles(t *testing.T) {
	s := newSite(t)
	for _, c := range []struct {
		who, method, path string
		want              int
	}{
		{"anonymous", "GET", "/portal", http.StatusSeeOther},
		{"desk", "GET", "/portal", http.StatusForbidden},
		{"admin", "GET", "/portal", http.StatusForbidden},
		{"viewer", "GET", "/portal", http.StatusForbidden},
		{"principal", "GET", "/portal", http.StatusForbidden},
		{"liaisonA", "GET", "/portal", http.StatusOK},
		{"liaisonB", "GET", "/portal", http.StatusOK},
		{"anonymous", "GET", "/portal/calendar.ics", http.StatusSeeOther},
		{"desk", "GET", "/portal/calendar.ics", http.StatusForbidden},
		{"viewer", "POST", "/portal/requests", http.StatusForbidden},
		{"liaisonA", "GET", "/", http.StatusSeeOther},
		{"liaisonA", "GET", "/events/" + s.event.Slug + "/", http.StatusForbidden},
		{"liaisonA", "GET", "/events/" + s.event.Slug + "/requests", http.StatusForbidden},
		{"liaisonA", "GET", "/events/" + s.event.Slug + "/programme", http.StatusForbidden},
		{"liaisonA", "GET", "/partners", http.StatusForbidden},
		{"liaisonA", "GET", fmt.Sprintf("/delegations/%d/invite", s.users["liaisonA"].DelegationID), http.StatusForbidden},
		{"liaisonA", "POST", fmt.Sprintf("/delegations/%d/invite", s.users["liaisonA"].DelegationID), http.StatusForbidden},
		{"viewer", "GET", fmt.Sprintf("/delegations/%d/invite", s.users["liaisonA"].DelegationID), http.StatusForbidden},
		{"anonymous", "GET", fmt.Sprintf("/delegations/%d/invite", s.users["liaisonA"].DelegationID), http.StatusSeeOther},
		{"admin", "GET", fmt.Sprintf("/delegations/%d/invite", s.users["liaisonA"].DelegationID), http.StatusOK},
		{"desk", "GET", "/delegations/999999/invite", http.StatusNotFound},
	} {
		var form url.Values
		if c.method == "POST" {
			form = url.Values{"days": {"7"}}
		}
		if res, _ := s.portalDo(c.who, c.method, c.path, form); res.StatusCode != c.want {
			t.Errorf("%s %s as %s: %d, want %d", c.method, c.path, c.who, res.StatusCode, c.want)
		}
	}
	if code := s.crossSitePost("/portal/requests", url.Values{"topics": {"cybercrime"}}); code != http.StatusForbidden {
		t.Errorf("a cross-site post to the portal: %d", code)
	}
}

// A liaison submits a request (a refused one first), sees it, withdraws
// it; the status machine decides what may be withdrawn.
func TestPortalSubmitAndWithdraw(t *testing.T) {
	s := newSite(t)
	no := s.delegationOf("NO")
	principals, _, _ := s.db.ListPrincipals(context.Background(), bilat.EventPart{EventID: s.event.ID})
	s.as("liaisonA") // signing in is audited
	before := s.auditCount()
	res, body := s.portalDo("liaisonA", "POST", "/portal/requests", url.Values{"target1": {fmt.Sprint(principals[0].ID)}, "duration_min": {"abc"},
		"delegation_id": {fmt.Sprint(s.users["liaisonB"].DelegationID)}})
	if res.StatusCode != http.StatusUnprocessableEntity || s.auditCount() != before {
		t.Fatalf("a bad request: %d, audit %d → %d", res.StatusCode, before, s.auditCount())
	}
	doc := portalDoc(t, body)
	must(t, doc, `#e-duration_min`)
	must(t, doc, `#e-topics`)
	n := len(s.requestsOf(no.ID))
	form := url.Values{"target1": {fmt.Sprint(principals[0].ID)}, "topics": {"cybercrime"}, "duration_min": {"45"}, "priority": {"5"},
		"earliest": {"2025-11-25T09:00"}, "latest": {"2025-11-25T18:00"}, "languages": {"en, no"}, "interpretation": {"on"},
		"notes": {"<script>alert(1)</script>"}, "delegation_id": {fmt.Sprint(s.users["liaisonB"].DelegationID)}}
	res, _ = s.portalDo("liaisonA", "POST", "/portal/requests", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submitting: %d", res.StatusCode)
	}
	own := s.requestsOf(no.ID)
	if len(own) != n+1 {
		t.Fatalf("Norway has %d requests, want %d", len(own), n+1)
	}
	x := own[len(own)-1]
	if x.DelegationID != no.ID || x.Priority != 3 || x.Status != bilat.StatusRequested || x.DurationMin != 45 || !x.Interpretation {
		t.Errorf("the request made: %+v", x)
	}
	_, body = s.portalDo("liaisonA", "GET", "/portal", nil)
	doc = portalDoc(t, body)
	row := must(t, doc, fmt.Sprintf(`tr[data-request="%d"]`, x.ID))
	must(t, doc, fmt.Sprintf(`form[action="/portal/requests/%d/withdraw"]`, x.ID))
	if !strings.Contains(row.Text(), "Requested") {
		t.Errorf("the new row: %q", row.Text())
	}
	if strings.Contains(body, "<script>alert(1)</script>") {
		t.Error("the notes are not escaped")
	}
	res, _ = s.portalDo("liaisonA", "POST", fmt.Sprintf("/portal/requests/%d/withdraw", x.ID), url.Values{"version": {fmt.Sprint(x.Version)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdrawing: %d", res.StatusCode)
	}
	got, _ := s.db.Request(context.Background(), x.ID)
	if got.Status != bilat.StatusWithdrawn {
		t.Errorf("status %s after withdrawing", got.Status)
	}
	before = s.auditCount()
	if res, _ := s.portalDo("liaisonA", "POST", fmt.Sprintf("/portal/requests/%d/withdraw", x.ID), url.Values{"version": {fmt.Sprint(got.Version)}}); res.StatusCode != http.StatusConflict {
		t.Errorf("withdrawing twice: %d", res.StatusCode)
	}
	if s.auditCount() != before {
		t.Error("a refused withdrawal changed the desk")
	}
}

// A period of unavailability becomes an engagement of the delegation's
// people, listed in the portal and removable.
func TestPortalUnavailability(t *testing.T) {
	s := newSite(t)
	no := s.delegationOf("NO")
	s.as("liaisonA") // signing in is audited
	before := s.auditCount()
	res, body := s.portalDo("liaisonA", "POST", "/portal/unavailability", url.Values{"start": {"2025-11-25T12:00"}, "end": {"2025-11-25T11:00"}, "reason": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity || s.auditCount() != before {
		t.Fatalf("a bad period: %d", res.StatusCode)
	}
	doc := portalDoc(t, body)
	must(t, doc, `#e-end`)
	must(t, doc, `#e-reason`)
	if res, body := s.portalDo("liaisonA", "POST", "/portal/unavailability", url.Values{"start": {"2030-01-01T09:00"}, "end": {"2030-01-01T10:00"}, "reason": {"x"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a period outside the event: %d", res.StatusCode)
	} else {
		must(t, portalDoc(t, body), `#e-start`)
	}
	res, _ = s.portalDo("liaisonA", "POST", "/portal/unavailability", url.Values{"start": {"2025-11-25T14:00"}, "end": {"2025-11-25T16:30"}, "reason": {"Ministerial call"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a period: %d", res.StatusCode)
	}
	sessions, _, _ := s.db.ListSessions(context.Background(), bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: bilat.MaxLimit}})
	var x *bilat.ProgrammeSession
	for _, y := range sessions {
		if strings.Contains(y.Title, "Ministerial call") {
			x = y
		}
	}
	if x == nil {
		t.Fatal("no session made")
	}
	zone, _ := s.event.Location()
	want := time.Date(2025, 11, 25, 14, 0, 0, 0, zone)
	people := (&portal{Delegation: no}).people()
	if x.Kind != bilat.SessionEngagement || !x.Start.Equal(want) || !x.End.Equal(want.Add(150*time.Minute)) || len(people) == 0 || fmt.Sprint(x.Attendees) != fmt.Sprint(people) {
		t.Errorf("the session: %+v, people %v", x, people)
	}
	_, body = s.portalDo("liaisonA", "GET", "/portal", nil)
	must(t, portalDoc(t, body), fmt.Sprintf(`li[data-session="%d"] form[action="/portal/unavailability/%d/remove"]`, x.ID, x.ID))
	if res, _ := s.portalDo("liaisonA", "POST", fmt.Sprintf("/portal/unavailability/%d/remove", x.ID), url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("removing: %d", res.StatusCode)
	}
	if _, err := s.db.Session(context.Background(), x.ID); bilat.ErrorCode(err) != bilat.ENOTFOUND {
		t.Errorf("the removed session: %v", err)
	}
	for _, y := range sessions {
		if y.Kind != bilat.SessionEngagement || len(y.Attendees) == 0 {
			if res, _ := s.portalDo("liaisonA", "POST", fmt.Sprintf("/portal/unavailability/%d/remove", y.ID), url.Values{}); res.StatusCode != http.StatusNotFound {
				t.Errorf("removing the programme's session %d: %d", y.ID, res.StatusCode)
			}
			break
		}
	}
}
