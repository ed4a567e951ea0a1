package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"bilat"
)

// reportGet fetches a path as a user and returns the status, headers and body.
func reportGet(t *testing.T, s *site, who, path string) (int, http.Header, string) {
	t.Helper()
	res, body := s.fetch(s.as(who), "GET", path, nil)
	return res.StatusCode, res.Header, string(body)
}

// TestReportPage shows the demo's report to a viewer in three languages
// and under two schemes.
func TestReportPage(t *testing.T) {
	s := newSite(t)
	base := "/events/" + s.event.Slug + "/report"
	status, _, body := reportGet(t, s, "viewer", base+"?lang=en")
	if status != http.StatusOK {
		t.Fatalf("viewer: status %d", status)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(doc.Find(`tr[data-figure="held"] td`).Text()); got != "43" {
		t.Errorf("meetings held %q, want 43", got)
	}
	if got := strings.TrimSpace(doc.Find(`tr[data-figure="counterparts"] td`).Text()); got != "52" {
		t.Errorf("counterparts %q, want 52", got)
	}
	if doc.Find("#report-regions svg").Length() == 0 || doc.Find("#report-days svg").Length() == 0 {
		t.Error("the charts are missing")
	}
	if doc.Find("script").Length() != doc.Find("script[src]").Length() || strings.Contains(body, "<svg") && strings.Contains(body, "<script>") {
		t.Error("the page carries an inline script")
	}
	for _, x := range []string{"9 counterparts have an accepted request", "Europe (18 countries)"} {
		if !strings.Contains(doc.Find("#report-summary").Text(), x) {
			t.Errorf("the summary lacks %q", x)
		}
	}
	if doc.Find(`a[href$="/report/summary"]`).Length() != 0 {
		t.Error("a viewer is offered to edit the summary")
	}
	_, _, fr := reportGet(t, s, "viewer", base+"?lang=fr")
	for _, x := range []string{"du Danemark", "d'Allemagne", "des Bahamas"} {
		if !strings.Contains(fr, strings.ReplaceAll(x, "'", "&#39;")) {
			t.Errorf("French: lacks %q", x)
		}
	}
	_, _, ar := reportGet(t, s, "viewer", base+"?lang=ar")
	if !strings.Contains(ar, `dir="rtl"`) || !strings.Contains(ar, "43 لقاءً ثنائيًا") {
		t.Error("Arabic: not right to left, or the count's plural is wrong")
	}
	un := s.get(base+"?lang=en&scheme=un-m49-continents", "en", http.StatusOK)
	must(t, un, `tr[data-region="150"]`)
	if un.Find(`tr[data-region="europe"]`).Length() != 0 {
		t.Error("the UN M49 report still groups by the press's regions")
	}
	s.get(base+"?scheme=no-such-scheme", "en", http.StatusNotFound)
}

// TestReportDownloads fetches every format and checks what it is.
func TestReportDownloads(t *testing.T) {
	s := newSite(t)
	base := "/events/" + s.event.Slug + "/report"
	wants := map[string]string{".txt?lang=fr": "du Danemark", ".html?lang=en": "<svg", ".pdf": "%PDF", ".xlsx": "PK"}
	for suffix, want := range wants {
		status, h, body := reportGet(t, s, "viewer", base+suffix)
		if status != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("%s: status %d, lacks %q", suffix, status, want)
		}
		if !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: not an attachment: %q", suffix, h.Get("Content-Disposition"))
		}
	}
}

// TestReportSummaryEdit edits the French summary, sees it in the report
// as edited, refuses a blank text and a cross-site post without a
// change, and regenerates it.
func TestReportSummaryEdit(t *testing.T) {
	s := newSite(t)
	page := "/events/" + s.event.Slug + "/report/summary"
	doc := s.get(page+"?lang=fr", "fr", http.StatusOK)
	generated := must(t, doc, "#text-fr").Text()
	if !strings.Contains(generated, "du Danemark") || doc.Find(`#summary-fr [data-state="generated"]`).Length() != 1 {
		t.Fatalf("the generated French text: %q", generated)
	}
	edited := strings.Replace(generated, "En marge de", "Communiqué révisé. En marge de", 1)
	before := s.auditCount()
	if code := s.crossSitePost(page, url.Values{"lang": {"fr"}, "text": {"piraté"}}); code != http.StatusForbidden {
		t.Errorf("cross-site post: status %d", code)
	}
	res, doc := s.post(page, url.Values{"lang": {"fr"}, "text": {"  "}}, false)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a blank text: status %d", res.StatusCode)
	}
	must(t, doc, "#e-text-fr")
	if after := s.auditCount(); after != before {
		t.Errorf("refused posts added %d audit rows", after-before)
	}
	if res, _ := s.post(page, url.Values{"lang": {"fr"}, "text": {edited}}, false); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving: status %d", res.StatusCode)
	}
	_, _, body := reportGet(t, s, "viewer", "/events/"+s.event.Slug+"/report?lang=fr")
	if !strings.Contains(body, "Communiqué révisé.") || !strings.Contains(body, "Modifié, enregistré le") {
		t.Error("the report does not show the edited summary as edited")
	}
	_, _, en := reportGet(t, s, "viewer", "/events/"+s.event.Slug+"/report.txt?lang=en")
	if strings.Contains(en, "Communiqué révisé.") {
		t.Error("the English report shows the French edit")
	}
	doc = s.get(page+"?lang=fr", "fr", http.StatusOK)
	must(t, doc, `#summary-fr [data-state="edited"]`)
	must(t, doc, `#summary-fr form[action$="/regenerate"]`)
	if res, _ := s.post(page+"/regenerate", url.Values{"lang": {"fr"}}, false); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("regenerating: status %d", res.StatusCode)
	}
	doc = s.get(page+"?lang=fr", "fr", http.StatusOK)
	if got := must(t, doc, "#text-fr").Text(); got != generated {
		t.Error("regenerating did not bring back the generated text")
	}
}

// TestReportAPI reads the report through the API as JSON and as text.
func TestReportAPI(t *testing.T) {
	s := newSite(t)
	token, _ := mustToken(t, s.db, bilat.RoleDesk, bilat.ScopeRead)
	c := client{t: t, s: New(s.db, s.db, s.db, Config{}), token: token}
	path := api + "/events/" + s.event.Slug + "/report"
	res := c.do("GET", path+"?lang=fr", nil)
	if res.Code != http.StatusOK {
		t.Fatalf("status %d: %s", res.Code, res.Body)
	}
	var got struct {
		Figures struct{ Held, Counterparts, NotHeld int }
		Summary string `json:"summary"`
	}
	if err := json.Unmarshal(res.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Figures.Held != 43 || got.Figures.Counterparts != 52 || got.Figures.NotHeld != 9 || !strings.Contains(got.Summary, "du Danemark") {
		t.Errorf("the report: %+v", got)
	}
	if res := c.do("GET", path+"?format=text&lang=ar", nil); res.Code != http.StatusOK || !strings.Contains(res.Body.String(), "لقاءً ثنائيًا") {
		t.Errorf("text: status %d", res.Code)
	}
	if res := c.do("GET", path+"?format=doc", nil); res.Code != http.StatusBadRequest && res.Code != http.StatusUnprocessableEntity {
		t.Errorf("an unknown format: status %d", res.Code)
	}
	if res := c.do("GET", path+"?formatt=json", nil); res.Code == http.StatusOK {
		t.Error("a misspelt parameter was ignored")
	}
}
