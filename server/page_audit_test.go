package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"bilat"
	"bilat/store"

	"github.com/PuerkitoBio/goquery"
)

// auditFetch fetches path as one of the site's users and returns the
// response with its body read.
func (s *site) auditFetch(who, path string) (*http.Response, []byte) {
	s.t.Helper()
	return s.fetch(s.as(who), "GET", path, nil)
}

// auditDoc fetches an audit page as who and parses it, failing on any
// status other than want.
func (s *site) auditDoc(who, path string, want int) *goquery.Document {
	s.t.Helper()
	res, body := s.auditFetch(who, path)
	if res.StatusCode != want {
		s.t.Fatalf("GET %s as %s: status %d, want %d\n%s", path, who, res.StatusCode, want, body)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	return doc
}

func TestAuditPageRoles(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{"/audit", "/audit.csv"} {
		for _, c := range []struct {
			who  string
			want int
		}{
			{"anonymous", http.StatusSeeOther},
			{"viewer", http.StatusForbidden},
			{"principal", http.StatusForbidden},
			{"liaisonA", http.StatusForbidden},
			{"liaisonB", http.StatusForbidden},
			{"desk", http.StatusOK},
			{"admin", http.StatusOK},
		} {
			res, body := s.auditFetch(c.who, path)
			if res.StatusCode != c.want {
				t.Errorf("GET %s as %s: status %d, want %d", path, c.who, res.StatusCode, c.want)
				continue
			}
			switch c.want {
			case http.StatusSeeOther:
				if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/login?next=") {
					t.Errorf("GET %s as %s: sent to %q, want the login page", path, c.who, loc)
				}
			case http.StatusForbidden:
				if bytes.Contains(body, []byte("audit-table")) || bytes.Contains(body, []byte("login_failed")) {
					t.Errorf("GET %s as %s: the refusal shows audit entries", path, c.who)
				}
			}
		}
	}
}

// auditPersonChange changes a person's title as someone at a known address
// and returns the person.
func (s *site) auditPersonChange(title string) *bilat.Person {
	s.t.Helper()
	ctx := context.Background()
	people, _, err := s.db.ListPeople(ctx, bilat.PersonFilter{Page: bilat.Page{Limit: 1}})
	if err != nil || len(people) == 0 {
		s.t.Fatalf("a person of the demo: %v", err)
	}
	p := people[0]
	p.Title = title
	if err := s.db.UpdatePerson(ctx, bilat.Actor{Name: "desk", Address: "203.0.113.5"}, p); err != nil {
		s.t.Fatal(err)
	}
	return p
}

func TestAuditPageShowsChanges(t *testing.T) {
	s := newSite(t)
	p := s.auditPersonChange("Adviser <script>alert(1)</script>")
	doc := s.auditDoc("admin", "/audit?entity=person&entity_id="+strconv.FormatInt(p.ID, 10), http.StatusOK)
	rows := must(t, doc, "#audit > tbody > tr")
	if rows.Length() < 2 {
		t.Fatalf("%d entries for person %d, want its creation and the change", rows.Length(), p.ID)
	}
	newest := rows.First()
	if got := newest.Find(".audit-after").Text(); !strings.Contains(got, "Adviser <script>") {
		t.Errorf("the change shows after %q, want the new title as text", got)
	}
	if newest.Find("script").Length() != 0 {
		t.Error("the title's markup was rendered as HTML")
	}
	if !strings.Contains(newest.Text(), "203.0.113.5") {
		t.Errorf("the entry does not show the address it came from: %s", newest.Text())
	}
	if newest.Find(".audit-changes th code:contains('version')").Length() != 0 {
		t.Error("bookkeeping fields are listed as changes")
	}
	if !strings.Contains(must(t, doc, "#audit-csv").AttrOr("href", ""), "entity_id="+strconv.FormatInt(p.ID, 10)) {
		t.Error("the export link drops the filter")
	}
}

func TestAuditPageFilters(t *testing.T) {
	s := newSite(t)
	s.as("admin")
	doc := s.auditDoc("desk", "/audit?actor=admin&action=login", http.StatusOK)
	rows := must(t, doc, "#audit > tbody > tr")
	rows.Each(func(_ int, r *goquery.Selection) {
		if text := r.Text(); !strings.Contains(text, "admin") || !strings.Contains(text, "login") || !strings.Contains(text, "127.0.0.1") {
			t.Errorf("a row outside the filter, or without the address of the sign-in: %s", text)
		}
	})
	all := s.auditDoc("desk", "/audit", http.StatusOK)
	if all.Find("#audit > tbody > tr").Length() <= rows.Length() {
		t.Error("the filter does not narrow the trail")
	}
	must(t, all, "a[rel=next]")
	older := s.auditDoc("desk", "/audit?page=2", http.StatusOK)
	must(t, older, "a[rel=prev]")
	if a, b := all.Find("#audit > tbody > tr").First().AttrOr("data-id", ""), older.Find("#audit > tbody > tr").First().AttrOr("data-id", ""); a == b {
		t.Errorf("page 2 starts with the same entry %s as page 1", a)
	}
	must(t, s.auditDoc("desk", "/audit?from=2099-01-01", http.StatusOK), "#audit-none")
	must(t, s.auditDoc("desk", "/audit?actor="+"%27%20OR%201%3D1%20--", http.StatusOK), "#audit-none")

	bad := s.auditDoc("desk", "/audit?entity_id=abc&from=31-12-2025", http.StatusBadRequest)
	must(t, bad, "#e-entity_id")
	must(t, bad, "#e-from")
	if bad.Find("#audit").Length() != 0 {
		t.Error("a bad filter still lists entries")
	}
}

func TestAuditCSV(t *testing.T) {
	s := newSite(t)
	p := s.auditPersonChange("مستشار, \"senior\"")
	res, body := s.auditFetch("desk", "/audit.csv?entity=person&entity_id="+strconv.FormatInt(p.ID, 10))
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	rest, ok := bytes.CutPrefix(body, []byte("\xEF\xBB\xBF"))
	if !ok {
		t.Fatal("the CSV does not open with a byte-order mark")
	}
	records, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(records[0], ",") != "id,at,actor,address,action,entity,entity_id,before,after,hash" {
		t.Errorf("header %v", records[0])
	}
	_, total, err := s.db.ListAudit(context.Background(), bilat.AuditFilter{Entity: "person", EntityID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(records)-1 != total {
		t.Fatalf("%d rows, want %d", len(records)-1, total)
	}
	row := records[1]
	if row[2] != "desk" || row[3] != "203.0.113.5" || row[4] != "update" || !strings.Contains(row[8], `مستشار, \"senior\"`) || len(row[9]) != 64 {
		t.Errorf("the newest row does not round-trip: %q", row)
	}

	// The whole trail, over several reads of the store.
	auditCSVBatch = 100
	defer func() { auditCSVBatch = bilat.MaxLimit }()
	res, body = s.auditFetch("admin", "/audit.csv")
	records, err = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %v", res.StatusCode, err)
	}
	if _, all, _ := s.db.ListAudit(context.Background(), bilat.AuditFilter{}); len(records)-1 != all || all <= auditCSVBatch {
		t.Errorf("%d rows of %d entries, read %d at a time", len(records)-1, all, auditCSVBatch)
	}
	seen := map[string]bool{}
	for _, r := range records[1:] {
		if seen[r[0]] {
			t.Fatalf("entry %s is exported twice", r[0])
		}
		seen[r[0]] = true
	}
}

// TestAuditAPIFilters: the JSON API takes the page's filters and returns
// each entry's address and hash.
func TestAuditAPIFilters(t *testing.T) {
	c := newClient(t)
	var p bilat.Partner
	c.call("POST", "/api/v1/partners", map[string]any{"kind": "other", "code": "AUDITORG", "name_en": "Audit Org"}, http.StatusCreated, &p)
	var got page[bilat.AuditEntry]
	c.call("GET", "/api/v1/audit?entity=partner&action=create&address=192.0.2.1&from=2000-01-01&entity_id="+strconv.FormatInt(p.ID, 10), nil, http.StatusOK, &got)
	if got.Total != 1 || got.Items[0].Actor != c.user || got.Items[0].Address != "192.0.2.1" || len(got.Items[0].Hash) != 64 {
		t.Fatalf("the partner's creation: %+v", got)
	}
	c.call("GET", "/api/v1/audit?entity=partner&to=2000-01-01", nil, http.StatusOK, &got)
	if got.Total != 0 {
		t.Errorf("to=2000-01-01 lists %d entries", got.Total)
	}
	c.call("GET", "/api/v1/audit?from=yesterday", nil, http.StatusBadRequest, nil)
	reader, _ := mustToken(t, c.s.desk.(*store.DB), bilat.RoleViewer, bilat.ScopeRead)
	client{t: t, s: c.s, token: reader}.call("GET", "/api/v1/audit", nil, http.StatusForbidden, nil)
	client{t: t, s: c.s}.call("GET", "/api/v1/audit", nil, http.StatusUnauthorized, nil)
}
