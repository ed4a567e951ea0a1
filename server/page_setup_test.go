package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"bilat"
)

// setupTotals counts an event's set-up records in the store.
func setupTotals(t *testing.T, s *site) map[string]int {
	t.Helper()
	ctx := context.Background()
	part := bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: 1}}
	out := map[string]int{}
	var err error
	if _, out["venues"], err = s.db.ListVenues(ctx, part); err != nil {
		t.Fatal(err)
	}
	if _, out["rooms"], err = s.db.ListRooms(ctx, part); err != nil {
		t.Fatal(err)
	}
	if _, out["sessions"], err = s.db.ListSessions(ctx, part); err != nil {
		t.Fatal(err)
	}
	if _, out["delegations"], err = s.db.ListDelegations(ctx, bilat.DelegationFilter{EventID: s.event.ID, Page: bilat.Page{Limit: 1}}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSetupListsRenderInEveryLanguage(t *testing.T) {
	s := newSite(t)
	totals := setupTotals(t, s)
	for _, lang := range []string{"en", "fr", "ar"} {
		doc := s.get("/events/"+s.event.Slug+"/setup", lang, http.StatusOK)
		must(t, doc, `html[lang="`+lang+`"]`)
		must(t, doc, `nav.menu a[aria-current="page"][href$="/setup"]`)
		for kind, n := range totals {
			rows := doc.Find("#" + kind + "-table tbody tr").Length()
			if rows != n {
				t.Errorf("%s: %d %s rows, the store has %d", lang, rows, kind, n)
			}
			must(t, doc, "#"+kind+"-table thead th[scope=col]")
			must(t, doc, `a[href="/events/`+s.event.Slug+`/setup/`+kind+`/new"]`)
		}
		must(t, doc, `#delegations-table tbody tr:first-child .badge`) // the host first
		must(t, doc, `#rooms-table a[href="/rooms/1/edit"]`)
	}
	doc := s.get("/events/"+s.event.Slug+"/setup", "fr", http.StatusOK)
	if got := doc.Find(`#delegations-table th:contains("Norvège")`).Length(); got != 1 {
		t.Errorf("French delegations list: Norvège found %d times", got)
	}
	doc = s.get("/events/"+s.event.Slug+"/setup", "ar", http.StatusOK)
	must(t, doc, `html[dir="rtl"] #sessions-table bdi.ltr`)
}

func TestSetupFormsRenderInEveryLanguage(t *testing.T) {
	s := newSite(t)
	base := "/events/" + s.event.Slug + "/setup/"
	for _, lang := range []string{"en", "fr", "ar"} {
		for _, path := range []string{base + "venues/new", base + "rooms/new", base + "sessions/new", base + "delegations/new",
			"/venues/1/edit", "/rooms/1/edit", "/sessions/1/edit", "/delegations/2/edit"} {
			doc := s.get(path, lang, http.StatusOK)
			must(t, doc, `form#setup-form[method="post"][action="`+path+`"][hx-post="`+path+`"]`)
			must(t, doc, `label[for]`)
		}
	}
	doc := s.get("/rooms/1/edit", "en", http.StatusOK)
	must(t, doc, `input[name="version"][value="1"]`)
	must(t, doc, `select#f-venue_id option[selected][value="1"]`)
	must(t, doc, `input#f-capacity[value="12"]`)
	doc = s.get("/venues/1/edit", "en", http.StatusOK)
	must(t, doc, `fieldset.setup-travel input#f-travel-2[value="18"]`)
	doc = s.get("/sessions/1/edit", "en", http.StatusOK)
	must(t, doc, `input#f-start[type="datetime-local"]`)
	must(t, doc, `select#f-attendees[multiple] option[selected][value="1"]`)
}

// setupPostForm posts a form and wants a redirect to the set-up list.
func setupPostForm(t *testing.T, s *site, path string, form url.Values) {
	t.Helper()
	res, doc := s.post(path, form, false)
	if res.StatusCode != http.StatusSeeOther {
		html, _ := doc.Html()
		t.Fatalf("POST %s: %d, want 303\n%.3000s", path, res.StatusCode, html)
	}
}

func TestSetupCreatesEachKind(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	base := "/events/" + s.event.Slug + "/setup/"
	before := setupTotals(t, s)
	setupPostForm(t, s, base+"venues/new", url.Values{"name": {"Palais des congrès annexe"}, "address": {"Marrakech"}, "travel-1": {"7"}, "travel-2": {""}})
	setupPostForm(t, s, base+"rooms/new", url.Values{"name": {"Salon 9"}, "venue_id": {"1"}, "capacity": {"8"}, "features": {"Interpretation, secure"}})
	setupPostForm(t, s, base+"sessions/new", url.Values{"title": {"Closing dinner"}, "kind": {"reception"}, "start": {"2025-11-26T20:00"},
		"end": {"2025-11-26T22:30"}, "venue_id": {""}, "attendees": {"1", "2"}})
	aq, err := s.db.PartnerByCode(ctx, "AQ") // Antarctica sends no delegation to the demo
	if err != nil {
		t.Fatal(err)
	}
	setupPostForm(t, s, base+"delegations/new", url.Values{"partner_id": {setupID(aq.ID)}, "head_id": {""}, "notes": {"Arrives Tuesday"}})
	after := setupTotals(t, s)
	for kind, n := range before {
		if after[kind] != n+1 {
			t.Errorf("%s: %d, want %d", kind, after[kind], n+1)
		}
	}
	venues, _, _ := s.db.ListVenues(ctx, bilat.EventPart{EventID: s.event.ID})
	v := venues[len(venues)-1]
	if v.Name != "Palais des congrès annexe" || len(v.Travel) != 1 || v.Travel[0] != (bilat.TravelTime{VenueID: 1, Minutes: 7}) {
		t.Errorf("venue stored as %+v", v)
	}
	rooms, _, _ := s.db.ListRooms(ctx, bilat.EventPart{EventID: s.event.ID})
	if r := rooms[len(rooms)-1]; r.Capacity != 8 || fmt.Sprint(r.Features) != "[interpretation secure]" {
		t.Errorf("room stored as %+v", r)
	}
	sessions, _, _ := s.db.ListSessions(ctx, bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: 1000}})
	var found *bilat.ProgrammeSession
	for _, x := range sessions {
		if x.Title == "Closing dinner" {
			found = x
		}
	}
	zone, _ := s.event.Location()
	if found == nil || found.Start.In(zone).Format("2006-01-02 15:04") != "2025-11-26 20:00" || len(found.Attendees) != 2 {
		t.Errorf("session stored as %+v", found)
	}
	doc := s.get("/events/"+s.event.Slug+"/setup?saved=room", "en", http.StatusOK)
	must(t, doc, `[role="status"][data-saved="room"]`)
}

func TestSetupRefusesBadInputBesideTheField(t *testing.T) {
	s := newSite(t)
	base := "/events/" + s.event.Slug + "/setup/"
	audit := s.auditCount()
	cases := []struct {
		path, field string
		form        url.Values
	}{
		{base + "rooms/new", "capacity", url.Values{"name": {"Salon 9"}, "venue_id": {"1"}, "capacity": {"-1"}}},
		{base + "rooms/new", "capacity", url.Values{"name": {"Salon 9"}, "venue_id": {"1"}, "capacity": {"many"}}},
		{base + "rooms/new", "name", url.Values{"name": {""}, "venue_id": {"1"}, "capacity": {"4"}}},
		{base + "venues/new", "travel-1", url.Values{"name": {"Annex"}, "travel-1": {"-5"}}},
		{base + "sessions/new", "end", url.Values{"title": {"Late"}, "kind": {"plenary"}, "start": {"2025-11-25T10:00"}, "end": {"2025-11-25T09:00"}}},
		{base + "sessions/new", "start", url.Values{"title": {"Late"}, "kind": {"plenary"}, "start": {"tomorrow"}, "end": {"2025-11-25T09:00"}}},
		{base + "delegations/new", "partner_id", url.Values{"partner_id": {""}, "notes": {"kept"}}},
		{"/rooms/1/edit", "capacity", url.Values{"name": {"Bilateral room 1"}, "venue_id": {"1"}, "capacity": {"0"}, "version": {"1"}}},
	}
	for _, c := range cases {
		for _, htmx := range []bool{false, true} {
			res, doc := s.post(c.path, c.form, htmx)
			want := http.StatusUnprocessableEntity
			if htmx {
				want = http.StatusOK
			}
			if res.StatusCode != want {
				t.Errorf("%s %v: %d, want %d", c.path, c.form, res.StatusCode, want)
				continue
			}
			must(t, doc, `#f-`+c.field+`[aria-invalid="true"][aria-describedby="e-`+c.field+`"]`)
			must(t, doc, `#e-`+c.field+`.field-error`)
			for name, values := range c.form {
				if values[0] == "" {
					continue
				}
				if doc.Find(`input[name="`+name+`"][value="`+values[0]+`"], select[name="`+name+`"] option[selected][value="`+values[0]+`"], textarea[name="`+name+`"]:contains("`+values[0]+`")`).Length() == 0 {
					t.Errorf("%s: what was typed in %s (%q) is not kept", c.path, name, values[0])
				}
			}
			if htmx && doc.Find("html header.top").Length() != 0 {
				t.Errorf("%s: htmx got the whole page", c.path)
			}
		}
	}
	if got := s.auditCount(); got != audit {
		t.Errorf("refused forms changed the desk: %d audit rows, was %d", got, audit)
	}
	_, doc := s.post(base+"rooms/new", url.Values{"name": {"X"}, "venue_id": {"1"}, "capacity": {"many"}}, false)
	if msg := doc.Find("#e-capacity").Text(); msg != "Enter a whole number." {
		t.Errorf("capacity message %q", msg)
	}
}

func TestSetupStaleVersionIsAConflict(t *testing.T) {
	s := newSite(t)
	form := url.Values{"name": {"Bilateral room 1"}, "venue_id": {"1"}, "capacity": {"14"}, "version": {"1"}}
	setupPostForm(t, s, "/rooms/1/edit", form)
	audit := s.auditCount()
	form.Set("capacity", "20")
	res, doc := s.post("/rooms/1/edit", form, false)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("stale edit: %d", res.StatusCode)
	}
	must(t, doc, `[role="alert"][data-code="conflict"]`)
	must(t, doc, `input#f-capacity[value="20"]`)
	if s.auditCount() != audit {
		t.Error("a stale edit changed the desk")
	}
	r, _ := s.db.Room(context.Background(), 1)
	if r.Capacity != 14 {
		t.Errorf("capacity %d, want 14", r.Capacity)
	}
}

func TestSetupCrossSitePostsAreRefused(t *testing.T) {
	s := newSite(t)
	base := "/events/" + s.event.Slug + "/setup/"
	audit := s.auditCount()
	for _, path := range []string{base + "venues/new", base + "rooms/new", base + "sessions/new", base + "delegations/new",
		"/venues/1/edit", "/rooms/1/edit", "/sessions/1/edit", "/delegations/2/edit"} {
		if got := s.crossSitePost(path, url.Values{"name": {"Forged"}, "title": {"Forged"}, "capacity": {"3"}, "version": {strconv.Itoa(1)}}); got != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", path, got)
		}
	}
	if s.auditCount() != audit {
		t.Error("a cross-site post changed the desk")
	}
}

// The set-up page links each visiting delegation to its liaison's
// invitation, and not the host's own delegation.
func TestSetupLinksInvitations(t *testing.T) {
	s := newSite(t)
	doc := s.get("/events/"+s.event.Slug+"/setup", "en", http.StatusOK)
	must(t, doc, `#delegations-table a[href$="/invite"]`)
	ds, _, err := s.db.ListDelegations(context.Background(), bilat.DelegationFilter{EventID: s.event.ID, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.IsHost && doc.Find(fmt.Sprintf(`#delegations-table tr[data-id="%d"] a[href$="/invite"]`, d.ID)).Length() > 0 {
			t.Error("the host delegation is offered an invitation")
		}
	}
}
