package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"bilat"
)

func TestValidationListsEveryProblem(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	e := c.fail("POST", "/api/v1/events", `{}`, http.StatusBadRequest)
	for _, field := range []string{"slug", "name_en", "city", "country", "timezone", "first_day", "last_day"} {
		if !hasProblem(e, field, "") {
			t.Errorf("empty event: no problem with %s in %+v", field, e.Problems)
		}
	}
	bad := bilat.Request{
		DelegationID: w.delegations[0].ID,
		Targets:      []bilat.Target{{PrincipalID: 0, Preference: 0}},
		Topics:       []string{"Not A Code"},
		DurationMin:  2,
		Priority:     9,
		Languages:    []string{"english"},
	}
	e = c.fail("POST", "/api/v1/events/"+w.event.Slug+"/requests", bad, http.StatusBadRequest)
	for _, field := range []string{"targets[0].principal_id", "targets[0].preference", "topics[0]", "duration_min", "priority", "languages[0]"} {
		if !hasProblem(e, field, "") {
			t.Errorf("bad request: no problem with %s in %+v", field, e.Problems)
		}
	}
}

func TestBadBodies(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	rooms := "/api/v1/events/" + w.event.Slug + "/rooms"
	requests := "/api/v1/events/" + w.event.Slug + "/requests"
	tests := []struct {
		path, body, field, text string
	}{
		{rooms, ``, "body", "empty"},
		{rooms, `{"name": }`, "body", "line 1, column 10"},
		{rooms, "{\n  \"name\": \"A\",\n  oops\n}", "body", "line 3"},
		{rooms, `{"name": "A"`, "body", "ends before"},
		{rooms, `{"name": "A"} {}`, "body", "more data"},
		{rooms, `[1, 2]`, "body", "must be an object"},
		{rooms, `{"nmae": "A"}`, "nmae", "not a known field"},
		{rooms, `{"capacity": "ten"}`, "capacity", "must be an integer, not string"},
		{requests, `{"targets": [{"principal_id": 1}, {"principal_id": "one"}]}`, "targets[1].principal_id", "must be an integer, not string"},
		{requests, `{"topics": ["cybercrime", 3]}`, "topics[1]", "must be a string"},
		{requests, `{"offer": {"start": "tomorrow"}}`, "offer.start", "must be a date-time"},
		{rooms, `{"event_id": 999999, "name": "A", "venue_id": 1, "capacity": 1}`, "event_id", "path names"},
		{rooms, `{"name": "` + strings.Repeat("x", defaultMaxBody) + `"}`, "body", "larger than"},
	}
	for _, tt := range tests {
		e := c.fail("POST", tt.path, tt.body, http.StatusBadRequest)
		if !hasProblem(e, tt.field, tt.text) {
			t.Errorf("POST %.40q: want %s %q, got %+v", tt.body, tt.field, tt.text, e.Problems)
		}
	}
	room := fmt.Sprintf("/api/v1/rooms/%d", w.rooms[0].ID)
	moved := *w.rooms[0]
	moved.ID = w.rooms[1].ID
	if e := c.fail("PUT", room, moved, http.StatusBadRequest); !hasProblem(e, "id", "path names") {
		t.Errorf("PUT with another id: %+v", e)
	}
	if e := c.fail("GET", "/api/v1/rooms/abc", nil, http.StatusBadRequest); !hasProblem(e, "id", "positive integer") {
		t.Errorf("GET /rooms/abc: %+v", e)
	}
}

func TestBadQueryParameters(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	events := "/api/v1/events/" + w.event.Slug
	tests := []struct{ path, field string }{
		{"/api/v1/partners?limit=abc", "limit"},
		{"/api/v1/partners?limit=0", "limit"},
		{"/api/v1/partners?offset=-1", "offset"},
		{"/api/v1/partners?kind=planet", "kind"},
		{"/api/v1/people?partner_id=x", "partner_id"},
		{events + "/requests?priority=9", "priority"},
		{events + "/requests?status=maybe", "status"},
		{events + "/requests?sort=name", "sort"},
		{events + "/meetings?day=2025-13-01", "day"},
		{events + "/actions?status=late", "status"},
		{"/api/v1/agreements?status=void", "status"},
		{"/api/v1/audit?entity_id=0", "entity_id"},
		{"/api/v1/topics?limit=abc", "limit"},
		{events + "/requests?stauts=held", "stauts"},
		{"/api/v1/resolve?q=Congo&lang=fr", "lang"},
	}
	for _, tt := range tests {
		if e := c.fail("GET", tt.path, nil, http.StatusBadRequest); !hasProblem(e, tt.field, "") {
			t.Errorf("GET %s: no problem with %s in %+v", tt.path, tt.field, e.Problems)
		}
	}
	e := c.fail("GET", events+"/requests?priority=9&limit=abc", nil, http.StatusBadRequest)
	if len(e.Problems) != 2 {
		t.Errorf("two bad parameters: %+v", e.Problems)
	}
}

func TestInternalErrorsAreNotLeaked(t *testing.T) {
	c := newClient(t)
	c.s.log = slog.New(slog.DiscardHandler)
	w := httptest.NewRecorder()
	c.s.writeError(w, httptest.NewRequest("GET", "/api/v1/events", nil), errors.New("database is locked at /secret/path"))
	if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "secret") || !strings.Contains(w.Body.String(), `"code":"internal"`) {
		t.Errorf("internal error answered %d %s", w.Code, w.Body)
	}
	w = httptest.NewRecorder()
	c.s.writeError(w, httptest.NewRequest("GET", "/", nil), bilat.Errorf(bilat.EINTERNAL, "pool exhausted on db-3"))
	if strings.Contains(w.Body.String(), "db-3") {
		t.Errorf("internal bilat error leaked: %s", w.Body)
	}
}

func TestErrorStatuses(t *testing.T) {
	c := newClient(t)
	c.s.log = slog.New(slog.DiscardHandler)
	for code, status := range statuses {
		w := httptest.NewRecorder()
		c.s.writeError(w, httptest.NewRequest("GET", "/", nil), &bilat.Error{Code: code, Message: "m", Problems: []bilat.Problem{{Field: "f", Message: "p"}}})
		if w.Code != status {
			t.Errorf("%s: status %d, want %d", code, w.Code, status)
		}
		want := `{"error":{"code":"` + code + `","message":"m","problems":[{"field":"f","message":"p"}]}}`
		if code == bilat.EINTERNAL {
			want = `{"error":{"code":"internal","message":"internal error","problems":[]}}`
		}
		if got := strings.TrimSpace(w.Body.String()); got != want {
			t.Errorf("%s: body %s, want %s", code, got, want)
		}
	}
}
