package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"bilat"
)

// inboxURL is the inbox of the demo event, with a query.
func inboxURL(s *site, query string) string {
	return "/events/" + s.event.Slug + "/requests" + query
}

// inboxTotal counts the event's requests the store holds under a filter.
func inboxTotal(t *testing.T, s *site, f bilat.RequestFilter) int {
	t.Helper()
	f.EventID, f.Page = s.event.ID, bilat.Page{Limit: 1}
	_, total, err := s.db.ListRequests(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// inboxRequested adds a new request (status requested) to the demo event,
// as the demo has none left to triage.
func inboxRequested(t *testing.T, s *site) *bilat.Request {
	t.Helper()
	ctx := context.Background()
	delegations, _, err := s.db.ListDelegations(ctx, bilat.DelegationFilter{EventID: s.event.ID, Page: bilat.Page{Limit: 5}})
	if err != nil {
		t.Fatal(err)
	}
	principals, _, err := s.db.ListPrincipals(ctx, bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	x := &bilat.Request{EventID: s.event.ID, DelegationID: delegations[len(delegations)-1].ID, Targets: []bilat.Target{{PrincipalID: principals[0].ID, Preference: 1}},
		Topics: []string{"cybercrime"}, DurationMin: 30, Priority: 4, Languages: []string{"en"}}
	if err := s.db.CreateRequest(ctx, bilat.LocalActor, x); err != nil {
		t.Fatal(err)
	}
	return x
}

// inboxDeputy is a principal other than the one a request asks for.
func inboxDeputy(t *testing.T, s *site, x *bilat.Request) int64 {
	t.Helper()
	principals, _, err := s.db.ListPrincipals(context.Background(), bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range principals {
		if p.ID != x.Targets[0].PrincipalID {
			return p.ID
		}
	}
	t.Fatal("the demo has a single principal")
	return 0
}

// inboxRow posts a triage as htmx does and parses its answer, a table
// row and the status message, as the table it is swapped into would.
func inboxRowPost(t *testing.T, s *site, path string, form url.Values) (int, *goquery.Document) {
	t.Helper()
	req, err := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("HX-Request", "true")
	res, err := s.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<table><tbody>" + string(body) + "</tbody></table>"))
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, doc
}

// inboxStored reads a request back from the store.
func inboxStored(t *testing.T, s *site, id int64) *bilat.Request {
	t.Helper()
	x, err := s.db.Request(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// inboxForm is a triage form for a request as read.
func inboxForm(x *bilat.Request, kv ...string) url.Values {
	f := url.Values{"version": {strconv.Itoa(x.Version)}, "back": {"status=requested"}}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

func TestInboxRendersInEveryLanguage(t *testing.T) {
	s := newSite(t)
	total := inboxTotal(t, s, bilat.RequestFilter{})
	for lang, dir := range map[string]string{"en": "ltr", "fr": "ltr", "ar": "rtl"} {
		doc := s.get(inboxURL(s, ""), lang, http.StatusOK)
		must(t, doc, `html[lang="`+lang+`"][dir="`+dir+`"]`)
		must(t, doc, `nav.menu a[aria-current="page"][href$="/requests"]`)
		must(t, doc, `form.inbox-filters select[name="region"] option[value="002"]`)
		must(t, doc, `table.inbox-table thead th[scope="col"]`)
		if got, want := doc.Find("tr.inbox-row").Length(), min(total, inboxPageSize); got != want {
			t.Errorf("%s: %d rows, want %d", lang, got, want)
		}
		if doc.Find(`tr.inbox-row th[scope="row"] a[href^="/partners/"]`).Length() == 0 {
			t.Errorf("%s: rows do not name their delegation", lang)
		}
		must(t, doc, `.inbox-pages a[rel="next"]`)
	}
	doc := s.get(inboxURL(s, "?page=2"), "en", http.StatusOK)
	if got, want := doc.Find("tr.inbox-row").Length(), total-inboxPageSize; got != want {
		t.Errorf("page 2: %d rows, want %d", got, want)
	}
	// Country names follow the reader's language.
	no := s.get(inboxURL(s, "?region=150"), "fr", http.StatusOK).Find(`tr.inbox-row th[scope="row"]`).Text()
	if !strings.Contains(no, "Norvège") {
		t.Errorf("the French inbox does not name Norway in French: %q", no)
	}
}

func TestInboxFiltersNarrowTheRows(t *testing.T) {
	s := newSite(t)
	for _, c := range []struct {
		query string
		f     bilat.RequestFilter
	}{
		{"?status=accepted", bilat.RequestFilter{Status: bilat.StatusAccepted}},
		{"?region=002", bilat.RequestFilter{Region: "002"}},
		{"?topic=cybercrime&status=held", bilat.RequestFilter{Topic: "cybercrime", Status: bilat.StatusHeld}},
		{"?priority=5", bilat.RequestFilter{Priority: 5}},
	} {
		want := inboxTotal(t, s, c.f)
		all := inboxTotal(t, s, bilat.RequestFilter{})
		if want == 0 || want >= all {
			t.Fatalf("%s: the filter selects %d of %d in the store; choose one that narrows", c.query, want, all)
		}
		doc := s.get(inboxURL(s, c.query), "en", http.StatusOK)
		if got := doc.Find("tr.inbox-row").Length(); got != min(want, inboxPageSize) {
			t.Errorf("%s: %d rows, want %d", c.query, got, want)
		}
	}
	doc := s.get(inboxURL(s, "?status=accepted"), "en", http.StatusOK)
	doc.Find("tr.inbox-row").Each(func(_ int, row *goquery.Selection) {
		if st, _ := row.Attr("data-status"); st != "accepted" {
			t.Errorf("a %s row in the accepted filter", st)
		}
	})
	must(t, doc, `select[name="status"] option[value="accepted"][selected]`)
}

func TestInboxTriageChangesTheStore(t *testing.T) {
	s := newSite(t)
	accept, decline, deputy, later := inboxRequested(t, s), inboxRequested(t, s), inboxRequested(t, s), inboxRequested(t, s)

	// Without JavaScript: Post/Redirect/Get back to the same filters.
	res, _ := s.post(fmt.Sprintf("/requests/%d/accept", accept.ID), inboxForm(accept), false)
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "status=requested") || !strings.Contains(loc, "done=accepted") {
		t.Fatalf("accept: %d, Location %q", res.StatusCode, loc)
	}
	if st := inboxStored(t, s, accept.ID).Status; st != bilat.StatusAccepted {
		t.Errorf("accepted request is %s", st)
	}
	doc := s.get(inboxURL(s, fmt.Sprintf("?done=accepted&id=%d", accept.ID)), "en", http.StatusOK)
	must(t, doc, `#inbox-status .alert-ok`)

	// With htmx: just the row, and the message out of band.
	status, doc := inboxRowPost(t, s, fmt.Sprintf("/requests/%d/decline", decline.ID), inboxForm(decline, "reason", "Agenda full"))
	if status != http.StatusOK {
		t.Fatalf("decline: %d", status)
	}
	must(t, doc, fmt.Sprintf(`tr#request-%d[data-status="declined"]`, decline.ID))
	must(t, doc, `#inbox-status[hx-swap-oob] .alert-ok`)
	if x := inboxStored(t, s, decline.ID); x.Status != bilat.StatusDeclined || x.DeclineReason != "Agenda full" {
		t.Errorf("declined request: %s %q", x.Status, x.DeclineReason)
	}

	pid := inboxDeputy(t, s, deputy)
	s.post(fmt.Sprintf("/requests/%d/offer", deputy.ID), inboxForm(deputy, "offer_kind", "deputy", "offer_principal", strconv.FormatInt(pid, 10)), true)
	if x := inboxStored(t, s, deputy.ID); x.Status != bilat.StatusDeclined || x.Offer == nil || x.Offer.Kind != "deputy" || x.Offer.PrincipalID != pid || x.DeclineReason == "" {
		t.Errorf("offer of a deputy: %s %+v %q", x.Status, x.Offer, x.DeclineReason)
	}

	s.post(fmt.Sprintf("/requests/%d/offer", later.ID), inboxForm(later, "offer_kind", "time", "offer_start", "2025-11-26T16:30"), false)
	x := inboxStored(t, s, later.ID)
	zone, err := time.LoadLocation(s.event.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 11, 26, 16, 30, 0, 0, zone); x.Offer == nil || x.Offer.Start == nil || !x.Offer.Start.Equal(want) {
		t.Errorf("offer of another time: %+v, want a start at %v", x.Offer, want)
	}
}

func TestInboxDeclineNeedsAReason(t *testing.T) {
	s := newSite(t)
	x := inboxRequested(t, s)
	audit := s.auditCount()
	for _, htmx := range []bool{false, true} {
		path := fmt.Sprintf("/requests/%d/decline", x.ID)
		var status int
		var doc *goquery.Document
		if htmx {
			status, doc = inboxRowPost(t, s, path, inboxForm(x, "reason", "  "))
		} else {
			var res *http.Response
			res, doc = s.post(path, inboxForm(x, "reason", "  "), false)
			status = res.StatusCode
		}
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("htmx %v: %d, want 422", htmx, status)
		}
		must(t, doc, fmt.Sprintf(`tr#request-%d details[open] input#reason-%d[aria-invalid="true"]`, x.ID, x.ID))
		must(t, doc, fmt.Sprintf(`#e-reason-%d`, x.ID))
	}
	if got := inboxStored(t, s, x.ID); got.Status != bilat.StatusRequested || got.Version != x.Version {
		t.Errorf("a refused decline changed the request: %s v%d", got.Status, got.Version)
	}
	if s.auditCount() != audit {
		t.Error("a refused decline wrote to the audit trail")
	}
}

func TestInboxConflictIsExplained(t *testing.T) {
	s := newSite(t)
	x := inboxRequested(t, s)
	stale := *x
	s.post(fmt.Sprintf("/requests/%d/accept", x.ID), inboxForm(x), true)
	status, doc := inboxRowPost(t, s, fmt.Sprintf("/requests/%d/decline", x.ID), inboxForm(&stale, "reason", "late"))
	if status != http.StatusConflict {
		t.Fatalf("stale decline: %d, want 409", status)
	}
	must(t, doc, fmt.Sprintf(`tr#request-%d[data-status="accepted"] [role="alert"]`, x.ID))
	if st := inboxStored(t, s, x.ID).Status; st != bilat.StatusAccepted {
		t.Errorf("the stale decline went through: %s", st)
	}
}

func TestInboxBulkReportsSuccessesAndFailures(t *testing.T) {
	s := newSite(t)
	a, b := inboxRequested(t, s), inboxRequested(t, s)
	accepted, _, err := s.db.ListRequests(context.Background(), bilat.RequestFilter{EventID: s.event.ID, Status: bilat.StatusAccepted, Page: bilat.Page{Limit: 1}})
	if err != nil || len(accepted) == 0 {
		t.Fatal("the demo has no accepted request", err)
	}
	old := accepted[0]
	pick := func(x *bilat.Request) string { return fmt.Sprintf("%d:%d", x.ID, x.Version) }
	form := url.Values{"action": {"accept"}, "pick": {pick(a), pick(b), pick(old)}, "back": {""}}
	res, doc := s.post("/events/"+s.event.Slug+"/requests/bulk", form, false)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("bulk: %d", res.StatusCode)
	}
	if n := doc.Find("#inbox-bulk-result .inbox-bulk-done li").Length(); n != 2 {
		t.Errorf("%d successes listed, want 2", n)
	}
	failed := must(t, doc, "#inbox-bulk-result .inbox-bulk-failed li")
	if failed.Length() != 1 || !strings.Contains(failed.Text(), strconv.FormatInt(old.ID, 10)) {
		t.Errorf("failures listed: %q", failed.Text())
	}
	for _, x := range []*bilat.Request{a, b} {
		if st := inboxStored(t, s, x.ID).Status; st != bilat.StatusAccepted {
			t.Errorf("request %d is %s after a bulk accept", x.ID, st)
		}
	}

	// Declining in bulk needs the one reason, and changes nothing without.
	c := inboxRequested(t, s)
	audit := s.auditCount()
	res, doc = s.post("/events/"+s.event.Slug+"/requests/bulk", url.Values{"action": {"decline"}, "pick": {pick(c)}}, true)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bulk decline without a reason: %d", res.StatusCode)
	}
	must(t, doc, `#inbox-main #bulk-reason[aria-invalid="true"]`)
	must(t, doc, `#e-bulk-reason`)
	if s.auditCount() != audit || inboxStored(t, s, c.ID).Status != bilat.StatusRequested {
		t.Error("a refused bulk decline changed the desk")
	}
}

func TestInboxNewRequestKeepsWhatWasTyped(t *testing.T) {
	s := newSite(t)
	path := "/events/" + s.event.Slug + "/requests/new"
	for _, lang := range []string{"en", "fr", "ar"} {
		doc := s.get(path, lang, http.StatusOK)
		must(t, doc, `form.inbox-new select[name="delegation_id"] option[value]`)
		must(t, doc, `form.inbox-new input[type="checkbox"][name="topics"][value="cybercrime"]`)
	}
	doc := s.get(path, "en", http.StatusOK)
	delegation, _ := doc.Find(`select[name="delegation_id"] option[value!=""]`).First().Attr("value")
	principal, _ := doc.Find(`select[name="target1"] option[value!=""]`).First().Attr("value")
	audit := s.auditCount()
	form := url.Values{"delegation_id": {delegation}, "target1": {principal}, "duration_min": {"half an hour"}, "priority": {"3"},
		"notes": {"Wishes to discuss the Red Notice backlog"}, "languages": {"en, fr"}}
	res, doc := s.post(path, form, false)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid request: %d", res.StatusCode)
	}
	must(t, doc, `#f-duration_min[aria-invalid="true"][value="half an hour"]`)
	must(t, doc, `#e-duration_min`)
	must(t, doc, `#e-topics`)
	must(t, doc, `select[name="delegation_id"] option[value="`+delegation+`"][selected]`)
	if got := doc.Find(`textarea[name="notes"]`).Text(); got != "Wishes to discuss the Red Notice backlog" {
		t.Errorf("notes typed were lost: %q", got)
	}
	if s.auditCount() != audit {
		t.Error("a refused request was stored")
	}

	form.Set("duration_min", "45")
	form["topics"] = []string{"cybercrime", "terrorism"}
	res, _ = s.post(path, form, false)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=created") {
		t.Fatalf("valid request: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	loc, _ := url.Parse(res.Header.Get("Location"))
	id, _ := strconv.ParseInt(loc.Query().Get("id"), 10, 64)
	x := inboxStored(t, s, id)
	if x.Status != bilat.StatusRequested || x.DurationMin != 45 || len(x.Topics) != 2 || len(x.Languages) != 2 {
		t.Errorf("stored request: %+v", x)
	}
}

func TestInboxCrossSiteWritesAreRefused(t *testing.T) {
	s := newSite(t)
	x := inboxRequested(t, s)
	audit := s.auditCount()
	for _, path := range []string{
		fmt.Sprintf("/requests/%d/accept", x.ID),
		fmt.Sprintf("/requests/%d/decline", x.ID),
		fmt.Sprintf("/requests/%d/offer", x.ID),
		"/events/" + s.event.Slug + "/requests/bulk",
		"/events/" + s.event.Slug + "/requests/new",
	} {
		form := inboxForm(x, "reason", "forged", "offer_kind", "deputy", "offer_principal", "2", "action", "accept", "pick", fmt.Sprintf("%d:%d", x.ID, x.Version))
		if got := s.crossSitePost(path, form); got != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", path, got)
		}
	}
	if s.auditCount() != audit || inboxStored(t, s, x.ID).Status != bilat.StatusRequested {
		t.Error("a cross-site post changed the desk")
	}
}
