package server

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"bilat"
)

// restrictedSecret is a word only ever written in restricted notes; the
// payload around it must be shown as text, never run.
const (
	restrictedSecret = "quokkasecret"
	restrictedNote   = `<script>document.title="pwned"</script><img src=x onerror=alert(1)> ` + restrictedSecret
)

// restrictedWorld marks restricted notes on the Director General's first
// meeting's request (a request of Norway's delegation where there is one,
// so that liaison A's portal lists it), on Norway's partner and on its
// delegation, and returns the meeting and the request.
func restrictedWorld(t *testing.T, s *site) (*bilat.Meeting, *bilat.Request) {
	t.Helper()
	ctx := context.Background()
	norway := s.users["liaisonA"].DelegationID
	reqs, _, err := s.db.ListRequests(ctx, bilat.RequestFilter{EventID: s.event.ID, DelegationID: norway})
	if err != nil || len(reqs) == 0 {
		t.Fatalf("Norway's requests: %v", err)
	}
	r := reqs[0]
	r.Notes, r.NotesRestricted = restrictedNote, true
	if err := s.db.UpdateRequest(ctx, bilat.LocalActor, r); err != nil {
		t.Fatal(err)
	}
	d, err := s.db.Delegation(ctx, norway)
	if err != nil {
		t.Fatal(err)
	}
	d.Notes, d.NotesRestricted = restrictedNote, true
	if err := s.db.UpdateDelegation(ctx, bilat.LocalActor, d); err != nil {
		t.Fatal(err)
	}
	p, err := s.db.Partner(ctx, d.PartnerID)
	if err != nil {
		t.Fatal(err)
	}
	p.Notes, p.NotesRestricted = restrictedNote, true
	if err := s.db.UpdatePartner(ctx, bilat.LocalActor, p); err != nil {
		t.Fatal(err)
	}
	ms, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, DelegationID: norway})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		return nil, r
	}
	return ms[0], r
}

// restrictedMeetingOfPrincipal gives a meeting of the principal user a
// request with a restricted note and returns the meeting.
func restrictedMeetingOfPrincipal(t *testing.T, s *site) *bilat.Meeting {
	t.Helper()
	ctx := context.Background()
	ps, _, err := s.db.ListPrincipals(ctx, bilat.EventPart{EventID: s.event.ID})
	if err != nil {
		t.Fatal(err)
	}
	var mine int64
	for _, p := range ps {
		if p.PersonID == s.users["principal"].PersonID && p.DeputyOf == 0 {
			mine = p.ID
		}
	}
	ms, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, PrincipalID: mine})
	if err != nil || len(ms) == 0 {
		t.Fatalf("the principal's meetings: %v", err)
	}
	r, err := s.db.Request(ctx, ms[0].RequestID)
	if err != nil {
		t.Fatal(err)
	}
	r.Notes, r.NotesRestricted = restrictedNote, true
	if err := s.db.UpdateRequest(ctx, bilat.LocalActor, r); err != nil {
		t.Fatal(err)
	}
	return ms[0]
}

// restrictedGet fetches a page as one of the site's users and returns the
// status and the body.
func restrictedGet(t *testing.T, s *site, who, path string) (int, string) {
	t.Helper()
	res, body := s.fetch(s.as(who), "GET", path, nil)
	return res.StatusCode, string(body)
}

// restrictedAPI calls the API with a token and returns the status and body.
func restrictedAPI(t *testing.T, s *site, token, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// restrictedToken issues a read token to one of the site's users.
func restrictedToken(t *testing.T, s *site, who string) string {
	t.Helper()
	secret, err := s.db.CreateToken(context.Background(), bilat.LocalActor, &bilat.Token{UserID: s.users[who].ID, Name: "test", Scope: bilat.ScopeRead})
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// The desk reads restricted notes through the API and its export; a
// liaison's token through the portal API never does, even of their own
// delegation's request; other roles are refused the desk's API.
func TestRestrictedNotesAPI(t *testing.T) {
	s := newSite(t)
	_, r := restrictedWorld(t, s)
	desk, liaison := restrictedToken(t, s, "desk"), restrictedToken(t, s, "liaisonA")
	reqPath := api + "/requests/" + strconv.FormatInt(r.ID, 10)

	for _, path := range []string{reqPath, api + "/events/" + s.event.Slug + "/export",
		api + "/events/" + s.event.Slug + "/requests?limit=500", api + "/partners/NO"} {
		status, body := restrictedAPI(t, s, desk, path)
		if status != http.StatusOK || !strings.Contains(body, restrictedSecret) || !strings.Contains(body, `"notes_restricted":true`) {
			t.Errorf("desk GET %s: status %d, restricted note shown: %v", path, status, strings.Contains(body, restrictedSecret))
		}
	}

	status, body := restrictedAPI(t, s, liaison, api+"/portal/requests")
	if status != http.StatusOK || !strings.Contains(body, `"id":`+strconv.FormatInt(r.ID, 10)) {
		t.Fatalf("liaison A's portal requests: status %d, own request listed: %v", status, strings.Contains(body, `"id":`+strconv.FormatInt(r.ID, 10)))
	}
	if strings.Contains(body, restrictedSecret) || strings.Contains(body, "notes_restricted") {
		t.Errorf("liaison A's portal API shows a restricted note: %s", body)
	}

	for who, want := range map[string]int{"viewer": http.StatusForbidden, "liaisonA": http.StatusForbidden, "liaisonB": http.StatusForbidden} {
		status, body := restrictedAPI(t, s, restrictedToken(t, s, who), reqPath)
		if status != want || strings.Contains(body, restrictedSecret) {
			t.Errorf("%s GET %s: status %d, want %d", who, reqPath, status, want)
		}
	}
	if status, _ := restrictedAPI(t, s, "", reqPath); status != http.StatusUnauthorized {
		t.Errorf("anonymous GET %s: status %d, want 401", reqPath, status)
	}
}

// The desk sees restricted notes on pages, marked, and as inert text; a
// principal on their own meeting's page does not see the requester's
// restricted note.
func TestRestrictedNotesPages(t *testing.T) {
	s := newSite(t)
	m := restrictedMeetingOfPrincipal(t, s)
	path := "/meetings/" + strconv.FormatInt(m.ID, 10)

	doc := s.get(path, "en", http.StatusOK)
	notes := must(t, doc, ".meeting-notes")
	if !strings.Contains(notes.Text(), restrictedNote) {
		t.Errorf("the desk's meeting page shows notes %q", notes.Text())
	}
	must(t, doc, ".meeting-notes .restricted-badge")
	if doc.Find(".meeting-notes script, .meeting-notes img").Length() != 0 {
		t.Error("a note's markup became elements")
	}

	status, body := restrictedGet(t, s, "principal", path)
	if status != http.StatusOK {
		t.Fatalf("the principal's meeting page: status %d", status)
	}
	if strings.Contains(body, restrictedSecret) || strings.Contains(body, "restricted-badge") {
		t.Error("the principal sees the requester's restricted note")
	}

	// Norway's partner, delegation and request: the desk sees them marked;
	// no other role sees them on any page it may open.
	restrictedWorld(t, s)
	doc = s.get("/partners/NO", "en", http.StatusOK)
	must(t, doc, ".partner-notes .restricted-badge")
	doc = s.get("/events/"+s.event.Slug+"/setup", "fr", http.StatusOK)
	must(t, doc, ".setup-notes .restricted-badge")
	for _, who := range []string{"anonymous", "liaisonA", "liaisonB", "viewer", "principal"} {
		for _, p := range []string{"/", "/portal", "/me", "/events/" + s.event.Slug + "/figures", "/partners/NO", path} {
			if _, body := restrictedGet(t, s, who, p); strings.Contains(body, restrictedSecret) {
				t.Errorf("%s sees a restricted note on %s", who, p)
			}
		}
	}
}

// Staff mark notes restricted in the forms; a restriction without notes
// is refused beside the checkbox and changes nothing; a cross-site post
// is refused.
func TestRestrictedNotesForms(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	ds, _, err := s.db.ListDelegations(ctx, bilat.DelegationFilter{EventID: s.event.ID})
	if err != nil {
		t.Fatal(err)
	}
	d := ds[len(ds)-1]
	edit := "/delegations/" + strconv.FormatInt(d.ID, 10) + "/edit"
	doc := s.get(edit, "ar", http.StatusOK)
	must(t, doc, `input[type=checkbox][name=notes_restricted]`)
	form := restrictedFormOf(t, doc)

	before := s.auditCount()
	form.Set("notes", "")
	form.Set("notes_restricted", "on")
	res, doc := s.post(edit+"?lang=en", form, false)
	if res.StatusCode == http.StatusSeeOther || s.auditCount() != before {
		t.Fatal("a restriction without notes was saved")
	}
	if got := must(t, doc, "#e-notes_restricted").Text(); got != "is set but there are no notes to restrict" {
		t.Errorf("the checkbox's problem reads %q", got)
	}

	form.Set("notes", "met at the airport")
	if status := s.crossSitePost(edit, form); status != http.StatusForbidden {
		t.Errorf("a cross-site post answered %d", status)
	}
	if res, _ := s.post(edit, form, false); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the restricted delegation notes: status %d", res.StatusCode)
	}
	got, err := s.db.Delegation(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.NotesRestricted || got.Notes != "met at the airport" {
		t.Errorf("stored notes %q restricted=%v", got.Notes, got.NotesRestricted)
	}
	if !must(t, s.get(edit, "en", http.StatusOK), `input[name=notes_restricted]`).Is(":checked") {
		t.Error("the form does not show the restriction")
	}

	// A person of the directory, and a new request, marked the same way.
	p, err := s.db.PartnerByCode(ctx, "NO")
	if err != nil {
		t.Fatal(err)
	}
	res, _ = s.post("/people/new", url.Values{"partner_id": {strconv.FormatInt(p.ID, 10)}, "name": {"Kari Nordmann"},
		"notes": {"prefers tea"}, "notes_restricted": {"on"}}, false)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a new person with restricted notes: status %d", res.StatusCode)
	}
	people, _, err := s.db.ListPeople(ctx, bilat.PersonFilter{Query: "Kari Nordmann"})
	if err != nil || len(people) != 1 || !people[0].NotesRestricted {
		t.Errorf("the person's restriction was not stored: %v %+v", err, people)
	}
	doc = s.get("/events/"+s.event.Slug+"/requests/new", "fr", http.StatusOK)
	must(t, doc, `input[type=checkbox][name=notes_restricted]`)
	doc = s.get("/partners/NO/edit", "en", http.StatusOK)
	must(t, doc, `input[type=checkbox][name=notes_restricted]`)
}

// restrictedFormOf reads the values of the page's edit form.
func restrictedFormOf(t *testing.T, doc *goquery.Document) url.Values {
	t.Helper()
	form := url.Values{}
	must(t, doc, "#setup-form").Find("input, textarea, select").Each(func(_ int, el *goquery.Selection) {
		name, _ := el.Attr("name")
		if name == "" {
			return
		}
		switch {
		case el.Is("textarea"):
			form.Add(name, el.Text())
		case el.Is("select"):
			el.Find("option[selected]").Each(func(_ int, o *goquery.Selection) { form.Add(name, o.AttrOr("value", "")) })
		case el.Is("[type=checkbox]"):
			if el.Is(":checked") {
				form.Add(name, el.AttrOr("value", "on"))
			}
		default:
			form.Add(name, el.AttrOr("value", ""))
		}
	})
	return form
}
