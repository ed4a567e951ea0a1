package server

import (
	"context"
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"

	"bilat"
)

// csvGet fetches a CSV export as name and returns its status and rows,
// checking the byte-order mark and the content type of a 200.
func csvGet(t *testing.T, s *site, name, path string) (int, [][]string) {
	t.Helper()
	res, body := s.fetch(s.as(name), "GET", path, nil)
	if res.StatusCode != http.StatusOK {
		return res.StatusCode, nil
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	rest, ok := strings.CutPrefix(string(body), "\uFEFF")
	if !ok {
		t.Fatalf("%s: no UTF-8 byte-order mark", path)
	}
	rows, err := csv.NewReader(strings.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return res.StatusCode, rows
}

// csvColumn is the values of one named column.
func csvColumn(t *testing.T, rows [][]string, name string) []string {
	t.Helper()
	i := slices.Index(rows[0], name)
	if i < 0 {
		t.Fatalf("no column %q in %v", name, rows[0])
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

func TestCSVExportsOfTheDemo(t *testing.T) {
	s := newSite(t)
	slug := s.event.Slug
	_, requests := csvGet(t, s, "desk", "/events/"+slug+"/requests.csv")
	if len(requests) < 53 || requests[0][0] != "id" {
		t.Fatalf("requests.csv: %d rows, header %v", len(requests), requests[0])
	}
	if !slices.Contains(csvColumn(t, requests, "partner"), "Norway") {
		t.Error("requests.csv does not name Norway")
	}
	_, fr := csvGet(t, s, "admin", "/events/"+slug+"/requests.csv?lang=fr")
	if !slices.Contains(csvColumn(t, fr, "partner"), "Norvège") || fr[0][2] != "partner" {
		t.Error("requests.csv in French: names not French, or columns translated")
	}
	_, accepted := csvGet(t, s, "desk", "/events/"+slug+"/requests.csv?status=accepted")
	for _, st := range csvColumn(t, accepted, "status") {
		if st != "accepted" {
			t.Fatalf("the status filter let %q through", st)
		}
	}
	if len(accepted) < 2 || len(accepted) >= len(requests) {
		t.Errorf("status=accepted kept %d of %d rows", len(accepted)-1, len(requests)-1)
	}
	_, meetings := csvGet(t, s, "desk", "/events/"+slug+"/meetings.csv?status=held")
	if len(meetings) != 44 {
		t.Errorf("meetings.csv?status=held: %d meetings, the demo holds 43", len(meetings)-1)
	}
	if starts := csvColumn(t, meetings, "start"); !strings.HasPrefix(starts[0], "2025-11-2") {
		t.Errorf("meeting start %q not in the event's days", starts[0])
	}
	_, agreements := csvGet(t, s, "desk", "/agreements.csv")
	if len(agreements) < 3 {
		t.Errorf("agreements.csv: %d rows, the demo has two MoUs", len(agreements)-1)
	}
	if st, _ := csvGet(t, s, "desk", "/events/"+slug+"/meetings.csv?status=nonsense"); st != http.StatusBadRequest {
		t.Errorf("a bad filter: %d, want 400", st)
	}
	if st, _ := csvGet(t, s, "desk", "/agreements.csv?colour=red"); st != http.StatusBadRequest {
		t.Errorf("an unknown parameter: %d, want 400", st)
	}
}

func TestCSVRefusals(t *testing.T) {
	s := newSite(t)
	paths := []string{"/events/" + s.event.Slug + "/requests.csv", "/events/" + s.event.Slug + "/meetings.csv", "/actions.csv", "/agreements.csv"}
	for _, p := range paths {
		for name, want := range map[string]int{"viewer": 403, "principal": 403, "liaisonA": 403, "liaisonB": 403} {
			if st, _ := csvGet(t, s, name, p); st != want {
				t.Errorf("%s as %s: %d, want %d", p, name, st, want)
			}
		}
		res, err := s.as("anonymous").Get(s.srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("%s anonymous: %d to %q, want the sign-in page", p, res.StatusCode, res.Header.Get("Location"))
		}
	}
	if st, _ := csvGet(t, s, "desk", "/events/no-such-event/requests.csv"); st != http.StatusNotFound {
		t.Errorf("an unknown event: %d, want 404", st)
	}
}

// A cell a spreadsheet would run as a formula comes out as text.
func TestCSVDefusesFormulas(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	meetings, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, Page: bilat.Page{Limit: 1}})
	if err != nil || len(meetings) == 0 {
		t.Fatal(err)
	}
	for _, text := range []string{`=HYPERLINK("http://evil.example","x")`, "+1+1", "-2+3", "@SUM(A1)"} {
		a := &bilat.Action{MeetingID: meetings[0].ID, Description: text, OwnerName: "Desk", Status: bilat.ActionOpen}
		if err := s.db.CreateAction(ctx, bilat.LocalActor, a); err != nil {
			t.Fatal(err)
		}
	}
	_, rows := csvGet(t, s, "desk", "/actions.csv?event="+s.event.Slug)
	got := csvColumn(t, rows, "description")
	for _, want := range []string{`'=HYPERLINK("http://evil.example","x")`, "'+1+1", "'-2+3", "'@SUM(A1)"} {
		if !slices.Contains(got, want) {
			t.Errorf("%q not defused in %q", want, got)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{"": "", "Norway": "Norway", "=1+1": "'=1+1", "\t=1": "'\t=1", "a=b": "a=b", "مالطة": "مالطة"} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// The inbox and the registry link their lists' CSV, and the inbox's link
// carries its filters and works.
func TestCSVLinkedFromTheLists(t *testing.T) {
	s := newSite(t)
	doc := s.get("/events/"+s.event.Slug+"/requests?status=held&sort=priority&page=2", "fr", http.StatusOK)
	href := must(t, doc, `#inbox-csv`).AttrOr("href", "")
	if !strings.Contains(href, "status=held") {
		t.Errorf("the inbox's CSV link %q drops its filters", href)
	}
	res, err := s.client().Get(s.srv.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %d", href, res.StatusCode)
	}
	must(t, s.get("/agreements", "en", http.StatusOK), `#agreements-csv[href="/agreements.csv"]`)
}

// The actions page's CSV link downloads the rows the page shows.
func TestCSVActionsFollowThePage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	meetings, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, Page: bilat.Page{Limit: 1}})
	if err != nil || len(meetings) == 0 {
		t.Fatal(err)
	}
	for _, st := range []bilat.ActionStatus{bilat.ActionOpen, bilat.ActionDone} {
		a := &bilat.Action{MeetingID: meetings[0].ID, Description: "status " + string(st), OwnerName: "Desk", Status: st}
		if err := s.db.CreateAction(ctx, bilat.LocalActor, a); err != nil {
			t.Fatal(err)
		}
	}
	doc := s.get("/actions?status=done&event="+s.event.Slug, "en", http.StatusOK)
	href := must(t, doc, "#actions-csv").AttrOr("href", "")
	_, rows := csvGet(t, s, "desk", href)
	if got := csvColumn(t, rows, "description"); !slices.Equal(got, []string{"status done"}) {
		t.Errorf("%s gives %q, want the one done action", href, got)
	}
}
