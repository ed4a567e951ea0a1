package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"bilat"
)

// portalAPI calls the site's API with a token of one of its users.
func (s *site) portalAPI(name string, scope bilat.TokenScope) func(method, path, body string) (int, []byte) {
	s.t.Helper()
	token := ""
	if name != "anonymous" {
		var err error
		token, err = s.db.CreateToken(context.Background(), bilat.LocalActor, &bilat.Token{UserID: s.users[name].ID, Name: "test", Scope: scope})
		if err != nil {
			s.t.Fatal(err)
		}
	}
	return func(method, path, body string) (int, []byte) {
		s.t.Helper()
		req, err := http.NewRequest(method, s.srv.URL+path, strings.NewReader(body))
		if err != nil {
			s.t.Fatal(err)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			s.t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, b
	}
}

// The portal's API: a liaison's token reaches their delegation's
// requests, meetings and calendar; other roles' tokens and the staff API
// are refused; another delegation's request is not found.
func TestPortalAPI(t *testing.T) {
	s := newSite(t)
	a := s.portalAPI("liaisonA", bilat.ScopeWrite)
	no, et := s.delegationOf("NO"), s.delegationOf("ET")

	code, body := a("GET", "/api/v1/portal/requests", "")
	var reqs page[bilat.Request]
	if code != http.StatusOK || json.Unmarshal(body, &reqs) != nil {
		t.Fatalf("listing: %d %s", code, body)
	}
	if reqs.Total != len(s.requestsOf(no.ID)) || reqs.Total == 0 {
		t.Errorf("%d requests listed, Norway has %d", reqs.Total, len(s.requestsOf(no.ID)))
	}
	for _, x := range reqs.Items {
		if x.DelegationID != no.ID {
			t.Errorf("request %d of delegation %d listed", x.ID, x.DelegationID)
		}
	}
	principals, _, _ := s.db.ListPrincipals(context.Background(), bilat.EventPart{EventID: s.event.ID})
	newRequest := func(delegation int64) string {
		return fmt.Sprintf(`{"delegation_id": %d, "targets": [{"principal_id": %d, "preference": 1}], "topics": ["cybercrime"], "duration_min": 30, "priority": 5, "languages": ["en"]}`,
			delegation, principals[0].ID)
	}
	before := s.auditCount()
	if code, body := a("POST", "/api/v1/portal/requests", newRequest(et.ID)); code != http.StatusBadRequest || !strings.Contains(string(body), "delegation_id") {
		t.Errorf("a request for Ethiopia: %d %s", code, body)
	}
	if s.auditCount() != before {
		t.Error("a refused request changed the desk")
	}
	code, body = a("POST", "/api/v1/portal/requests", newRequest(0))
	var made bilat.Request
	if code != http.StatusCreated || json.Unmarshal(body, &made) != nil || made.DelegationID != no.ID || made.Priority != 3 || made.Status != bilat.StatusRequested {
		t.Fatalf("a request: %d %s", code, body)
	}
	theirs := s.requestsOf(et.ID)[0]
	before = s.auditCount()
	for _, id := range []int64{theirs.ID, 999999} {
		code, body := a("POST", fmt.Sprintf("/api/v1/portal/requests/%d/withdraw", id), fmt.Sprintf(`{"version": %d}`, theirs.Version))
		if code != http.StatusNotFound || !strings.Contains(string(body), fmt.Sprintf("request %d not found", id)) {
			t.Errorf("withdrawing request %d: %d %s", id, code, body)
		}
	}
	if s.auditCount() != before {
		t.Error("refused withdrawals changed the desk")
	}
	code, body = a("POST", fmt.Sprintf("/api/v1/portal/requests/%d/withdraw", made.ID), fmt.Sprintf(`{"version": %d}`, made.Version))
	if code != http.StatusOK || !strings.Contains(string(body), `"withdrawn"`) {
		t.Errorf("withdrawing: %d %s", code, body)
	}

	code, body = a("GET", "/api/v1/portal/meetings", "")
	var meetings page[PortalMeeting]
	if code != http.StatusOK || json.Unmarshal(body, &meetings) != nil {
		t.Fatalf("meetings: %d %s", code, body)
	}
	for _, m := range meetings.Items {
		if m.Principal == "" || m.Room == "" || (m.Status != bilat.StatusScheduled && m.Status != bilat.StatusHeld) {
			t.Errorf("meeting %+v", m)
		}
	}
	if strings.Contains(string(body), "briefing") || strings.Contains(string(body), "outcome") {
		t.Error("the portal's meetings carry the host's briefing or outcome")
	}
	if code, body := a("GET", "/api/v1/portal/calendar.ics", ""); code != http.StatusOK || !strings.HasPrefix(string(body), "BEGIN:VCALENDAR\r\n") {
		t.Errorf("the calendar: %d %.80s", code, body)
	}

	for _, c := range []struct {
		who, method, path string
		want              int
	}{
		{"anonymous", "GET", "/api/v1/portal/requests", http.StatusUnauthorized},
		{"anonymous", "GET", "/api/v1/portal/calendar.ics", http.StatusUnauthorized},
		{"desk", "GET", "/api/v1/portal/requests", http.StatusForbidden},
		{"admin", "GET", "/api/v1/portal/meetings", http.StatusForbidden},
		{"viewer", "GET", "/api/v1/portal/meetings", http.StatusForbidden},
		{"principal", "GET", "/api/v1/portal/calendar.ics", http.StatusForbidden},
		{"liaisonA", "GET", "/api/v1/events", http.StatusForbidden},
		{"liaisonA", "GET", fmt.Sprintf("/api/v1/requests/%d", theirs.ID), http.StatusForbidden},
		{"liaisonA", "GET", fmt.Sprintf("/api/v1/events/%s/meetings?delegation_id=%d", s.event.Slug, et.ID), http.StatusForbidden},
		{"liaisonB", "GET", "/api/v1/portal/requests", http.StatusOK},
	} {
		if code, _ := s.portalAPI(c.who, bilat.ScopeWrite)(c.method, c.path, ""); code != c.want {
			t.Errorf("%s %s as %s: %d, want %d", c.method, c.path, c.who, code, c.want)
		}
	}
	if code, _ := s.portalAPI("liaisonA", bilat.ScopeRead)("POST", "/api/v1/portal/requests", newRequest(0)); code != http.StatusForbidden {
		t.Errorf("a read token submitting: %d", code)
	}
	// The session cookie alone does not open the API.
	res, err := s.as("liaisonA").Get(s.srv.URL + "/api/v1/portal/requests")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the portal API with a session cookie: %d", res.StatusCode)
	}
}

// The calendar is an iCalendar file with CRLF line ends, one event per
// confirmed meeting with a stable UID, times in UTC, the principal in the
// summary and the room and venue as location.
func TestPortalCalendar(t *testing.T) {
	s := newSite(t)
	res, body := s.portalDo("liaisonA", "GET", "/portal/calendar.ics", nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("calendar: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if strings.Count(body, "\n") != strings.Count(body, "\r\n") || !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
		t.Error("the lines do not end in CRLF")
	}
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	no := s.delegationOf("NO")
	ms, _, err := s.db.ListMeetings(context.Background(), bilat.MeetingFilter{EventID: s.event.ID, DelegationID: no.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*bilat.Meeting{}
	for _, m := range ms {
		if m.Status == bilat.StatusScheduled || m.Status == bilat.StatusHeld {
			want[fmt.Sprintf("meeting-%d@bilat", m.ID)] = m
		}
	}
	events := cal.Events()
	if len(events) != len(want) || len(want) == 0 {
		t.Fatalf("%d events, Norway has %d confirmed meetings", len(events), len(want))
	}
	for _, e := range events {
		m := want[e.Id()]
		if m == nil {
			t.Errorf("event %q is not a meeting of Norway", e.Id())
			continue
		}
		start, err := e.GetStartAt()
		if err != nil || !start.Equal(m.Start) || !strings.HasSuffix(e.GetProperty(ics.ComponentPropertyDtStart).Value, "Z") {
			t.Errorf("%s starts %v (%v), want %v", e.Id(), start, err, m.Start)
		}
		if end, err := e.GetEndAt(); err != nil || !end.Equal(m.End) {
			t.Errorf("%s ends %v, want %v", e.Id(), end, m.End)
		}
		if sum := e.GetProperty(ics.ComponentPropertySummary); sum == nil || !strings.Contains(sum.Value, "Bilateral meeting with ") {
			t.Errorf("%s: summary %v", e.Id(), sum)
		}
		if loc := e.GetProperty(ics.ComponentPropertyLocation); loc == nil || loc.Value == "" {
			t.Errorf("%s: no location", e.Id())
		}
	}
	_, again := s.portalDo("liaisonA", "GET", "/portal/calendar.ics", nil)
	if strings.Count(again, "UID:") != len(want) || !strings.Contains(again, "UID:meeting-") {
		t.Error("the UIDs are not stable")
	}
}
