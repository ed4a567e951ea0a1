package server

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"bilat"
)

func TestDirectoryRendersInEveryLanguage(t *testing.T) {
	s := newSite(t)
	_, people, err := s.db.ListPeople(context.Background(), bilat.PersonFilter{Page: bilat.Page{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		doc := s.get("/directory", lang, http.StatusOK)
		must(t, doc, `html[lang="`+lang+`"] nav.menu a[aria-current="page"][href="/directory"]`)
		if rows := doc.Find("#people-table tbody tr").Length(); rows != people {
			t.Errorf("%s: %d people rows, the store has %d", lang, rows, people)
		}
		must(t, doc, `#people-table tbody tr th[scope=row] bdi`)
		must(t, doc, `#partners-table a[href="/partners/INTERPOL-GS/edit"]`)
		must(t, doc, `a[href="/people/new"]`)
		must(t, doc, `a[href="/partners/new"]`)
		for _, path := range []string{"/people/new", "/people/1/edit", "/partners/new", "/partners/NO/edit", "/partners/INTERPOL-GS/edit"} {
			must(t, s.get(path, lang, http.StatusOK), `form#setup-form[action="`+path+`"] label[for="f-aliases"]`)
		}
	}
	doc := s.get("/directory?q=hmouzi", "en", http.StatusOK)
	must(t, doc, `#people-table tbody tr th:contains("Abdellatif Hammouchi")`)
	doc = s.get("/directory?q=norv", "fr", http.StatusOK)
	must(t, doc, `#partners-table th a:contains("Norvège")`)
	doc = s.get("/people/1/edit", "en", http.StatusOK)
	must(t, doc, `textarea#f-aliases:contains("Hmouzi")`)
}

func TestDirectoryCreatesAndEditsAPerson(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	form := url.Values{"partner_id": {"56"}, "name": {"Jana Nováková"}, "title": {"Police President"}, "languages": {"cs, EN"},
		"email": {"jana@example.cz"}, "aliases": {"J. Novakova\n\nJana Novakova\n"}}
	res, _ := s.post("/people/new", form, false)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/directory?saved=person" {
		t.Fatalf("create: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	found, _, err := s.db.ListPeople(ctx, bilat.PersonFilter{Query: "Nováková"})
	if err != nil || len(found) != 1 {
		t.Fatalf("stored people %v, %v", found, err)
	}
	p := found[0]
	if len(p.Aliases) != 2 || p.Languages[1] != "en" || p.PartnerID != 56 {
		t.Errorf("stored as %+v", p)
	}
	form.Set("version", "1")
	form.Set("title", "Police President of the Czech Republic")
	res, _ = s.post("/people/"+setupID(p.ID)+"/edit", form, true)
	if res.Header.Get("HX-Redirect") != "/directory?saved=person" {
		t.Errorf("htmx edit: %d, HX-Redirect %q", res.StatusCode, res.Header.Get("HX-Redirect"))
	}
	audit := s.auditCount()
	res, doc := s.post("/people/"+setupID(p.ID)+"/edit", form, false)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("stale edit: %d", res.StatusCode)
	}
	must(t, doc, `[data-code="conflict"]`)
	must(t, doc, `input#f-title[value="Police President of the Czech Republic"]`)
	form.Set("version", "2")
	form.Set("email", "not an address")
	form.Set("name", "")
	res, doc = s.post("/people/"+setupID(p.ID)+"/edit", form, false)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid edit: %d", res.StatusCode)
	}
	must(t, doc, `#f-email[aria-invalid="true"][value="not an address"] ~ #e-email`)
	must(t, doc, `#f-name[aria-invalid="true"] ~ #e-name`)
	if s.auditCount() != audit {
		t.Error("refused edits changed the desk")
	}
}

func TestDirectoryCountriesKeepTheirNames(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.get("/partners/NO/edit", "en", http.StatusOK)
	if n := doc.Find(`#setup-form input[name^="name_"], #setup-form [name="code"], #setup-form [name="kind"]`).Length(); n != 0 {
		t.Errorf("a country's form offers %d name, code or kind fields", n)
	}
	must(t, doc, `dl.directory-fixed dd:contains("Norway")`)
	no, _ := s.db.PartnerByCode(ctx, "NO")
	version := setupID(int64(no.Version))
	res, _ := s.post("/partners/NO/edit", url.Values{"aliases": {"Noreg\nNorge"}, "notes": {"MoU signed"}, "version": {version}}, false)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("annotating Norway: %d", res.StatusCode)
	}
	no, _ = s.db.PartnerByCode(ctx, "NO")
	if len(no.Aliases) != 2 || no.Notes != "MoU signed" {
		t.Errorf("Norway stored as %+v", no)
	}
	audit := s.auditCount()
	res, doc = s.post("/partners/NO/edit", url.Values{"name_en": {"Northland"}, "aliases": {"Noreg"}, "version": {setupID(int64(no.Version))}}, false)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("renaming Norway: %d, want 422", res.StatusCode)
	}
	must(t, doc, `[role="alert"][data-code="invalid"] li code:contains("name_en")`)
	if s.auditCount() != audit {
		t.Error("renaming a country changed the desk")
	}
	if no, _ = s.db.PartnerByCode(ctx, "NO"); no.NameEN != "Norway" {
		t.Errorf("Norway renamed %q", no.NameEN)
	}
}

func TestDirectoryOrganisations(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	audit := s.auditCount()
	res, doc := s.post("/partners/new", url.Values{"kind": {"regional_organisation"}, "code": {"afripol"}, "name_en": {""}, "seat_country": {"DZ"}}, false)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an organisation without a name: %d", res.StatusCode)
	}
	must(t, doc, `#f-name_en[aria-invalid="true"] ~ #e-name_en`)
	must(t, doc, `#f-seat_country[value="DZ"]`)
	if s.auditCount() != audit {
		t.Error("a refused organisation changed the desk")
	}
	res, _ = s.post("/partners/new", url.Values{"kind": {"regional_organisation"}, "code": {"afripol"}, "name_en": {"AFRIPOL"},
		"name_fr": {"AFRIPOL"}, "name_ar": {"أفريبول"}, "seat_country": {"DZ"}, "aliases": {"African Police Cooperation Mechanism"}}, false)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("creating AFRIPOL: %d", res.StatusCode)
	}
	p, err := s.db.PartnerByCode(ctx, "AFRIPOL")
	if err != nil || p.Kind != bilat.KindRegional || p.SeatCountry != "DZ" {
		t.Fatalf("AFRIPOL stored as %+v, %v", p, err)
	}
	doc = s.get("/partners/AFRIPOL/edit", "fr", http.StatusOK)
	must(t, doc, `input#f-name_en[value="AFRIPOL"]`)
	must(t, doc, `select#f-kind option[selected][value="regional_organisation"]`)
}

func TestDirectoryCrossSitePostsAreRefused(t *testing.T) {
	s := newSite(t)
	audit := s.auditCount()
	for _, path := range []string{"/people/new", "/people/1/edit", "/partners/new", "/partners/NO/edit"} {
		form := url.Values{"name": {"Forged"}, "partner_id": {"1"}, "aliases": {"Forged"}, "version": {"1"}, "kind": {"other"}, "code": {"FORGED"}, "name_en": {"Forged"}}
		if got := s.crossSitePost(path, form); got != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", path, got)
		}
	}
	if s.auditCount() != audit {
		t.Error("a cross-site post changed the desk")
	}
}
