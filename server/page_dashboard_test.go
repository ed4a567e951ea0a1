package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"bilat"
)

// dashboardTestDay is the demo day the dashboard tests look at.
const dashboardTestDay = "2025-11-25"

// dashboardTotal is the total of a list of the demo desk, as the page
// writes it (the demo's numbers are below a thousand, so no grouping); an
// error shows in the comparison that uses it.
func dashboardTotal[T any](_ []*T, total int, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return strconv.Itoa(total)
}

// dashboardText is the trimmed text of what a selector matches.
func dashboardText(t *testing.T, doc *goquery.Document, sel string) string {
	t.Helper()
	return strings.TrimSpace(must(t, doc, sel).First().Text())
}

// The dashboard's counts are the store's, in every language.
func TestDashboardRendersTheDemoCounts(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	id := s.event.ID
	reqs, total, err := s.db.ListRequests(ctx, bilat.RequestFilter{EventID: id, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	byStatus := map[bilat.RequestStatus]string{}
	for _, st := range bilat.RequestStatuses {
		byStatus[st] = dashboardTotal(s.db.ListRequests(ctx, bilat.RequestFilter{EventID: id, Status: st, Page: bilat.Page{Limit: 1}}))
	}
	held := dashboardTotal(s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: id, Status: bilat.StatusHeld, Page: bilat.Page{Limit: 1}}))
	scheduled := dashboardTotal(s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: id, Status: bilat.StatusScheduled, Page: bilat.Page{Limit: 1}}))
	dayMeetings, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: id, Day: dashboardTestDay, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	counterparts := map[int64]bool{}
	for _, r := range reqs {
		d, err := s.db.Delegation(ctx, r.DelegationID)
		if err != nil {
			t.Fatal(err)
		}
		counterparts[d.PartnerID] = true
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		doc := s.get("/events/"+s.event.Slug+"/?day="+dashboardTestDay, lang, http.StatusOK)
		must(t, doc, `html[lang="`+lang+`"]`)
		if got := dashboardText(t, doc, `td[data-total="requests"]`); got != strconv.Itoa(total) {
			t.Errorf("%s: %s requests, want %d", lang, got, total)
		}
		for st, want := range byStatus {
			if got := dashboardText(t, doc, `tr[data-status="`+string(st)+`"] td`); got != want {
				t.Errorf("%s: %s %s requests, want %s", lang, got, st, want)
			}
			must(t, doc, `tr[data-status="`+string(st)+`"] th a[href="/events/`+s.event.Slug+`/requests?status=`+string(st)+`"]`)
		}
		if got := dashboardText(t, doc, `td[data-meetings="held"]`); got != held {
			t.Errorf("%s: %s held, want %s", lang, got, held)
		}
		if got := dashboardText(t, doc, `td[data-meetings="scheduled"]`); got != scheduled {
			t.Errorf("%s: %s scheduled, want %s", lang, got, scheduled)
		}
		if got := doc.Find(`tr.dashboard-meeting`).Length(); got != len(dayMeetings) {
			t.Errorf("%s: %d meetings on %s, want %d", lang, got, dashboardTestDay, len(dayMeetings))
		}
		must(t, doc, `tr.dashboard-session`)
		must(t, doc, `.dashboard-days a[aria-current="date"][href$="day=`+dashboardTestDay+`"]`)
		sum := 0
		doc.Find(`tr.dashboard-region td[data-count="counterparts"]`).Each(func(_ int, c *goquery.Selection) {
			n, _ := strconv.Atoi(strings.TrimSpace(c.Text()))
			sum += n
		})
		if sum != len(counterparts) {
			t.Errorf("%s: regions add up to %d counterparts, want %d", lang, sum, len(counterparts))
		}
		must(t, doc, `a[href="/events/`+s.event.Slug+`/print"]`)
	}
}

// The demo holds nine accepted requests without a time, and a Director
// General who is booked from morning to evening: both are alerts, each
// with a link to where it is fixed.
func TestDashboardAlertsOfTheDemo(t *testing.T) {
	s := newSite(t)
	_, accepted, err := s.db.ListRequests(context.Background(), bilat.RequestFilter{EventID: s.event.ID, Status: bilat.StatusAccepted, Page: bilat.Page{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if accepted == 0 {
		t.Fatal("the demo has no accepted request left")
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		doc := s.get("/events/"+s.event.Slug+"/", lang, http.StatusOK)
		if got := doc.Find(`[data-alert="unscheduled"] li`).Length(); got != accepted {
			t.Errorf("%s: %d unscheduled listed, want %d", lang, got, accepted)
		}
		must(t, doc, `[data-alert="unscheduled"] a[href="/events/`+s.event.Slug+`/requests?status=accepted"]`)
		must(t, doc, `[data-alert="nobreak"] a[href*="/programme?day="]`)
		if doc.Find(`[data-alert="conflicts"]`).Length() != 0 {
			t.Errorf("%s: the demo shows double bookings", lang)
		}
	}
}

// htmx asks for one day's programme alone; a bad day is refused.
func TestDashboardDayFragmentAndBadDay(t *testing.T) {
	s := newSite(t)
	req, _ := http.NewRequest("GET", s.srv.URL+"/events/"+s.event.Slug+"/?day=2025-11-26", nil)
	req.Header.Set("HX-Request", "true")
	res, err := s.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	must(t, doc, `section#dashboard-day .dashboard-days a[aria-current][href$="day=2025-11-26"]`)
	if doc.Find(`header.top, .dashboard-alerts`).Length() != 0 {
		t.Error("the fragment carries the whole page")
	}
	s.get("/events/"+s.event.Slug+"/?day=2024-01-01", "en", http.StatusBadRequest)
}

// dashboardAt is a time on the demo's first day in UTC, for the rules.
func dashboardAt(hour, minute int) time.Time {
	return time.Date(2025, 11, 24, hour, minute, 0, 0, time.UTC)
}

func TestDashboardConflictRule(t *testing.T) {
	m := func(id, principal, room int64, from, to time.Time, st bilat.RequestStatus) *bilat.Meeting {
		return &bilat.Meeting{Record: bilat.Record{ID: id}, PrincipalID: principal, RoomID: room, Start: from, End: to, Status: st}
	}
	got := dashboardConflicts([]*bilat.Meeting{
		m(1, 1, 1, dashboardAt(10, 0), dashboardAt(11, 0), bilat.StatusScheduled),
		m(2, 1, 2, dashboardAt(10, 30), dashboardAt(11, 30), bilat.StatusHeld),      // principal 1 twice
		m(3, 2, 1, dashboardAt(10, 45), dashboardAt(11, 15), bilat.StatusScheduled), // room 1 twice
		m(4, 2, 2, dashboardAt(11, 30), dashboardAt(12, 0), bilat.StatusScheduled),  // touches 2 and 3: no overlap
		m(5, 1, 1, dashboardAt(10, 0), dashboardAt(11, 0), bilat.StatusCancelled),   // frees its time
	})
	if len(got) != 2 {
		t.Fatalf("%d conflicts, want 2: %+v", len(got), got)
	}
	if got[0].A.ID != 1 || got[0].B.ID != 2 || !got[0].SamePrincipal || got[0].SameRoom {
		t.Errorf("first: %+v", got[0])
	}
	if got[1].A.ID != 1 || got[1].B.ID != 3 || got[1].SamePrincipal || !got[1].SameRoom {
		t.Errorf("second: %+v", got[1])
	}
}

func TestDashboardWaitingRule(t *testing.T) {
	now := dashboardAt(12, 0)
	r := func(id int64, age time.Duration, st bilat.RequestStatus) *bilat.Request {
		return &bilat.Request{Record: bilat.Record{ID: id, CreatedAt: now.Add(-age)}, Status: st}
	}
	got := dashboardWaiting([]*bilat.Request{
		r(1, 25*time.Hour, bilat.StatusRequested),
		r(2, 23*time.Hour, bilat.StatusRequested), // not yet a day
		r(3, 48*time.Hour, bilat.StatusAccepted),  // answered
		r(4, 72*time.Hour, bilat.StatusRequested),
	}, now)
	if len(got) != 2 || got[0].ID != 4 || got[1].ID != 1 {
		t.Errorf("waiting: %+v, want requests 4 then 1", got)
	}
}

func TestDashboardNoBreakRule(t *testing.T) {
	sp := func(h1, m1, h2, m2 int) dashboardSpan { return dashboardSpan{dashboardAt(h1, m1), dashboardAt(h2, m2)} }
	for _, tc := range []struct {
		name string
		busy []dashboardSpan
		want []dashboardSpan
	}{
		{"gaps under 15 minutes join", []dashboardSpan{sp(9, 10, 10, 0), sp(8, 0, 9, 0), sp(10, 5, 11, 10)}, []dashboardSpan{sp(8, 0, 11, 10)}},
		{"a 15-minute gap is a break", []dashboardSpan{sp(8, 0, 9, 0), sp(9, 15, 12, 0)}, nil},
		{"exactly three hours counts", []dashboardSpan{sp(8, 0, 9, 30), sp(9, 35, 11, 0)}, []dashboardSpan{sp(8, 0, 11, 0)}},
		{"a long session inside others", []dashboardSpan{sp(8, 0, 12, 0), sp(9, 0, 9, 30)}, []dashboardSpan{sp(8, 0, 12, 0)}},
		{"short days", []dashboardSpan{sp(8, 0, 9, 0), sp(14, 0, 15, 0)}, nil},
	} {
		got := dashboardNoBreak(tc.busy)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if !got[i].Start.Equal(tc.want[i].Start) || !got[i].End.Equal(tc.want[i].End) {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	}
}

// A principal attends the sessions that name them and those that name
// nobody (every head and principal).
func TestDashboardBusyCountsSessions(t *testing.T) {
	p := &bilat.Principal{Record: bilat.Record{ID: 1}, PersonID: 10}
	sessions := []*bilat.ProgrammeSession{
		{Start: dashboardAt(9, 0), End: dashboardAt(10, 0)},
		{Start: dashboardAt(11, 0), End: dashboardAt(12, 0), Attendees: []int64{10}},
		{Start: dashboardAt(13, 0), End: dashboardAt(14, 0), Attendees: []int64{11}},
	}
	meetings := []*bilat.Meeting{
		{PrincipalID: 1, Status: bilat.StatusScheduled, Start: dashboardAt(8, 0), End: dashboardAt(8, 30)},
		{PrincipalID: 2, Status: bilat.StatusScheduled, Start: dashboardAt(15, 0), End: dashboardAt(16, 0)},
	}
	if got := dashboardBusy(p, meetings, sessions); len(got) != 3 {
		t.Errorf("%d busy spans, want 3: %v", len(got), got)
	}
}

func TestDashboardPicksTheEventsToday(t *testing.T) {
	zone, err := time.LoadLocation("Africa/Casablanca")
	if err != nil {
		t.Fatal(err)
	}
	e := &bilat.Event{FirstDay: "2025-11-24", LastDay: "2025-11-27"}
	for _, tc := range []struct {
		query string
		now   time.Time
		want  string
	}{
		{"", time.Date(2025, 11, 26, 9, 0, 0, 0, zone), "2025-11-26"},
		{"", time.Date(2025, 11, 25, 23, 30, 0, 0, time.UTC), "2025-11-26"}, // already the 26th in Casablanca (UTC+1)
		{"", time.Date(2026, 1, 1, 9, 0, 0, 0, zone), "2025-11-24"},
		{"day=2025-11-27", time.Date(2025, 11, 24, 9, 0, 0, 0, zone), "2025-11-27"},
	} {
		r, _ := http.NewRequest("GET", "/?"+tc.query, nil)
		days := dashboardDays(e, zone)
		got, err := dashboardPickDay(r, days, tc.now)
		if err != nil || got.Date != tc.want {
			t.Errorf("%q at %v: %v %v, want %s", tc.query, tc.now, got.Date, err, tc.want)
		}
	}
	r, _ := http.NewRequest("GET", "/?day=2025-11-28", nil)
	if _, err := dashboardPickDay(r, dashboardDays(e, zone), time.Now()); bilat.ErrorCode(err) != bilat.EINVALID {
		t.Errorf("a day after the event: %v", err)
	}
}
