package server

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"bilat"
)

// family is one kind of record for the round-trip test.
type family struct {
	name   string
	create string // where to POST
	list   string // where to list
	body   any
	field  string // a field to change
	value  any
	get    bool // whether the record's location answers GET
}

// TestRoundTrip creates, reads, updates and lists a record of each family,
// and checks that a stale version is refused and an unknown id is not found.
func TestRoundTrip(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	events := "/api/v1/events/" + w.event.Slug
	start := day(8, 0)
	families := []family{
		{"partner", "/api/v1/partners", "/api/v1/partners?kind=national_agency",
			bilat.Partner{Kind: bilat.KindNationalAgency, Code: "DGSN", NameEN: "General Directorate of National Security", SeatCountry: "MA"},
			"notes", "the host's police", true},
		{"person", "/api/v1/people", fmt.Sprintf("/api/v1/people?partner_id=%d", w.cz.ID),
			bilat.Person{PartnerID: w.cz.ID, Name: "Jana Nováková", Languages: []string{"cs", "en"}},
			"title", "Police President", true},
		{"topic", "/api/v1/topics", "/api/v1/topics?limit=1000",
			bilat.Topic{Code: "art_crime", NameEN: "art crime", NameFR: "trafic de biens culturels", NameAR: "الاتجار بالممتلكات الثقافية"},
			"name_en", "crimes against cultural property", false},
		{"scheme", "/api/v1/schemes", "/api/v1/schemes",
			bilat.RegionScheme{Slug: "press", NameEN: "Press regions", Regions: []bilat.SchemeRegion{{Code: "eu", NameEN: "Europe"}}, Members: map[string]string{"CZ": "eu"}},
			"name_en", "Regions of the press office", true},
		{"event", "/api/v1/events", "/api/v1/events?q=other",
			bilat.Event{Slug: "other-2026", NameEN: "Other assembly", City: "Lyon", Country: "FR", Timezone: "Europe/Paris", FirstDay: "2026-03-02", LastDay: "2026-03-04"},
			"notes", "spring session", true},
		{"venue", events + "/venues", events + "/venues",
			bilat.Venue{Name: "Hotel Mamounia", Travel: []bilat.TravelTime{{VenueID: w.venue.ID, Minutes: 15}}},
			"address", "Avenue Bab Jdid", true},
		{"room", events + "/rooms", events + "/rooms",
			bilat.Room{VenueID: w.venue.ID, Name: "Salon Atlas", Capacity: 8, Features: []string{"interpretation"}},
			"capacity", 10, true},
		{"session", events + "/sessions", events + "/sessions",
			bilat.ProgrammeSession{Kind: bilat.SessionPlenary, Title: "Opening", Start: start, End: start.Add(2 * time.Hour)},
			"title", "Opening ceremony", true},
		{"delegation", events + "/delegations", events + "/delegations?partner_id=" + fmt.Sprint(fetch[bilat.Partner](c, "/api/v1/partners/DE").ID),
			bilat.Delegation{PartnerID: fetch[bilat.Partner](c, "/api/v1/partners/DE").ID},
			"notes", "arrives on Monday", true},
		{"principal", events + "/principals", events + "/principals",
			bilat.Principal{PersonID: post[bilat.Person](c, "/api/v1/people", bilat.Person{PartnerID: w.host.ID, Name: "Deputy"}).ID, DeputyOf: w.principals[0].ID},
			"max_meetings_per_day", 6, true},
		{"request", events + "/requests", events + "/requests?status=requested",
			w.request(0, 0, 3),
			"notes", "bring the draft", true},
		{"agreement", "/api/v1/agreements", fmt.Sprintf("/api/v1/agreements?partner_id=%d&status=draft", w.cz.ID),
			bilat.Agreement{Kind: "memorandum_of_understanding", Title: "MoU on cybercrime", Parties: []int64{w.host.ID, w.cz.ID}, Topics: []string{"cybercrime"}, Status: bilat.AgreementDraft},
			"scope", "training and exchange", true},
	}
	for _, f := range families {
		t.Run(f.name, func(t *testing.T) {
			c := client{t: t, s: c.s, token: c.token, user: c.user}
			roundTrip(c, f)
		})
	}
}

func roundTrip(c client, f family) {
	var created map[string]any
	where := c.call("POST", f.create, f.body, http.StatusCreated, &created).Header().Get("Location")
	if f.get {
		got := fetch[map[string]any](c, where)
		if (*got)["id"] != created["id"] {
			c.t.Errorf("GET %s: id %v, want %v", where, (*got)["id"], created["id"])
		}
	}
	created[f.field] = f.value
	var updated map[string]any
	c.call("PUT", where, created, http.StatusOK, &updated)
	if fmt.Sprint(updated[f.field]) != fmt.Sprint(f.value) || updated["version"] != 2.0 {
		c.t.Errorf("PUT %s: %s %v version %v, want %v version 2", where, f.field, updated[f.field], updated["version"], f.value)
	}
	c.fail("PUT", where, created, http.StatusConflict) // still version 1
	found := false
	for _, x := range listOf[map[string]any](c, f.list).Items {
		found = found || (*x)["id"] == created["id"]
	}
	if !found {
		c.t.Errorf("GET %s: %s %v is not listed", f.list, f.name, created["id"])
	}
}

func TestNotFound(t *testing.T) {
	c := newClient(t)
	for _, path := range []string{
		"/api/v1/partners/999999", "/api/v1/partners/ZZ", "/api/v1/people/999999", "/api/v1/schemes/nope",
		"/api/v1/events/999999", "/api/v1/events/no-such-event", "/api/v1/events/no-such-event/export",
		"/api/v1/events/no-such-event/venues", "/api/v1/venues/999999", "/api/v1/rooms/999999",
		"/api/v1/sessions/999999", "/api/v1/delegations/999999", "/api/v1/principals/999999",
		"/api/v1/requests/999999", "/api/v1/meetings/999999", "/api/v1/meetings/999999/actions",
		"/api/v1/actions/999999", "/api/v1/agreements/999999",
	} {
		c.fail("GET", path, nil, http.StatusNotFound)
	}
	c.fail("PUT", "/api/v1/topics/no_such_topic", bilat.Topic{Code: "no_such_topic", NameEN: "x", NameFR: "x", NameAR: "x", Record: bilat.Record{Version: 1}}, http.StatusNotFound)
	c.fail("POST", "/api/v1/events/no-such-event/venues", bilat.Venue{Name: "x"}, http.StatusNotFound)
}

func TestPartnerByCode(t *testing.T) {
	c := newClient(t)
	cz := fetch[bilat.Partner](c, "/api/v1/partners/CZ")
	if cz.Kind != bilat.KindCountry || cz.Alpha3 != "CZE" {
		t.Errorf("CZ is %+v", cz)
	}
	for _, path := range []string{"/api/v1/partners/cz", fmt.Sprintf("/api/v1/partners/%d", cz.ID)} {
		if got := fetch[bilat.Partner](c, path); got.ID != cz.ID {
			t.Errorf("GET %s: id %d, want %d", path, got.ID, cz.ID)
		}
	}
}

func TestEventExportImport(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	c.call("POST", "/api/v1/events/"+w.event.Slug+"/requests", w.request(1, 1, 2), http.StatusCreated, nil)
	doc := fetch[bilat.EventExport](c, "/api/v1/events/"+w.event.Slug+"/export")
	if doc.Format != bilat.ExportFormat || len(doc.Rooms) != 2 || len(doc.Requests) != 1 {
		t.Fatalf("export: format %q, %d rooms, %d requests", doc.Format, len(doc.Rooms), len(doc.Requests))
	}
	if e := c.fail("POST", "/api/v1/import", doc, http.StatusBadRequest); !hasProblem(e, "event.slug", "") {
		t.Errorf("importing over a taken slug: %+v", e)
	}
	doc.Event.Slug = "test-ga-2025-copy"
	e := post[bilat.Event](c, "/api/v1/import", doc)
	if e.ID == w.event.ID || e.Slug != doc.Event.Slug {
		t.Errorf("import made event %d %q", e.ID, e.Slug)
	}
	if p := listOf[bilat.Request](c, "/api/v1/events/test-ga-2025-copy/requests"); p.Total != 1 {
		t.Errorf("imported event has %d requests, want 1", p.Total)
	}
}

func TestAudit(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	p := listOf[bilat.AuditEntry](c, fmt.Sprintf("/api/v1/audit?entity=event&entity_id=%d", w.event.ID))
	if p.Total != 1 || p.Items[0].Action != "create" || p.Items[0].Actor != c.user {
		t.Errorf("audit of the event: %+v", p)
	}
	if p := listOf[bilat.AuditEntry](c, "/api/v1/audit?actor="+c.user+"&limit=3"); len(p.Items) != 3 || p.Total < 8 {
		t.Errorf("audit page: %d items of %d", len(p.Items), p.Total)
	}
}

func TestResolve(t *testing.T) {
	c := newClient(t)
	var res struct {
		Status  string
		Matches []struct{ Key string }
	}
	c.call("GET", "/api/v1/resolve?q=Tch%C3%A9quie", nil, http.StatusOK, &res)
	if res.Status != "resolved" || len(res.Matches) == 0 || res.Matches[0].Key != "CZ" {
		t.Errorf("resolve Tchéquie: %+v", res)
	}
	if e := c.fail("GET", "/api/v1/resolve", nil, http.StatusBadRequest); !hasProblem(e, "q", "required") {
		t.Errorf("resolve without q: %+v", e)
	}
}
