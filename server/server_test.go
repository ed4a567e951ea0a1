package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bilat"
	"bilat/auth"
	"bilat/store"
)

// MustOpenDB opens a fresh SQLite database in the test's temporary folder.
func MustOpenDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "bilat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// client calls a server's API and checks its answers; it sends an API
// token of a desk officer unless token is "".
type client struct {
	t     *testing.T
	s     *Server
	token string
	user  string // the token's user
}

func newClient(t *testing.T) client {
	return apiClient(t, MustOpenDB(t))
}

// apiClient serves db and signs its calls with a write token of a new
// desk officer.
func apiClient(t *testing.T, db *store.DB) client {
	t.Helper()
	token, user := mustToken(t, db, bilat.RoleDesk, bilat.ScopeWrite)
	return client{t: t, s: New(db, db, db, Config{}), token: token, user: user}
}

// mustToken makes a user of a role and returns an API token of theirs
// and the user's name.
func mustToken(t *testing.T, db *store.DB, role bilat.Role, scope bilat.TokenScope) (string, string) {
	t.Helper()
	ctx := context.Background()
	db.SetPasswordParams(auth.FastParams)
	u := &bilat.User{Username: fmt.Sprintf("api-%s-%d", strings.ReplaceAll(string(role), "_", "-"), time.Now().UnixNano()), Role: role}
	if role == bilat.RolePrincipal || role == bilat.RoleLiaison {
		t.Fatalf("mustToken makes staff tokens, not %s ones", role)
	}
	if err := db.CreateUser(ctx, bilat.LocalActor, u, "a long test password", false); err != nil {
		t.Fatal(err)
	}
	secret, err := db.CreateToken(ctx, bilat.LocalActor, &bilat.Token{UserID: u.ID, Name: "test", Scope: scope})
	if err != nil {
		t.Fatal(err)
	}
	return secret, u.Username
}

// do sends a request; body is sent as is when it is a string, else as JSON.
func (c client) do(method, path string, body any) *httptest.ResponseRecorder {
	c.t.Helper()
	var b []byte
	switch v := body.(type) {
	case nil:
	case string:
		b = []byte(v)
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			c.t.Fatal(err)
		}
	}
	r := httptest.NewRequest(method, path, bytes.NewReader(b))
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		r.Header.Set("Authorization", "Bearer "+c.token)
	}
	w := httptest.NewRecorder()
	c.s.ServeHTTP(w, r)
	return w
}

// call sends a request, wants the status and decodes the answer into out
// (when not nil).
func (c client) call(method, path string, body any, status int, out any) *httptest.ResponseRecorder {
	c.t.Helper()
	w := c.do(method, path, body)
	if w.Code != status {
		c.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, w.Code, status, w.Body)
	}
	if out != nil {
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			c.t.Fatalf("%s %s: decoding %s: %v", method, path, w.Body, err)
		}
	}
	return w
}

// fail sends a request that must fail with status and returns the error.
func (c client) fail(method, path string, body any, status int) errorDetail {
	c.t.Helper()
	var e errorBody
	c.call(method, path, body, status, &e)
	if want := codeOf(status); e.Error.Code != want {
		c.t.Errorf("%s %s: code %q, want %q", method, path, e.Error.Code, want)
	}
	return e.Error
}

func codeOf(status int) string {
	for code, s := range statuses {
		if s == status {
			return code
		}
	}
	return ""
}

// post creates a record and checks the answer's Location names it.
func post[T any](c client, path string, body any) *T {
	c.t.Helper()
	x := new(T)
	w := c.call("POST", path, body, http.StatusCreated, x)
	if w.Header().Get("Location") == "" {
		c.t.Errorf("POST %s: no Location", path)
	}
	return x
}

// fetch reads one record.
func fetch[T any](c client, path string) *T {
	c.t.Helper()
	x := new(T)
	c.call("GET", path, nil, http.StatusOK, x)
	return x
}

// listOf reads one page of a list.
func listOf[T any](c client, path string) page[T] {
	c.t.Helper()
	var p page[T]
	c.call("GET", path, nil, http.StatusOK, &p)
	return p
}

// hasProblem reports whether e names field with a message containing text.
func hasProblem(e errorDetail, field, text string) bool {
	for _, p := range e.Problems {
		if p.Field == field && strings.Contains(p.Message, text) {
			return true
		}
	}
	return false
}

// world is an event with its parts, made through the API.
type world struct {
	event       *bilat.Event
	host, cz    *bilat.Partner
	venue       *bilat.Venue
	rooms       [2]*bilat.Room
	principals  [2]*bilat.Principal
	delegations [2]*bilat.Delegation
}

// day is a time on the event's second day.
func day(hour, minute int) time.Time {
	return time.Date(2025, 11, 25, hour, minute, 0, 0, time.UTC)
}

func newWorld(c client) *world {
	c.t.Helper()
	w := &world{host: fetch[bilat.Partner](c, "/api/v1/partners/MA"), cz: fetch[bilat.Partner](c, "/api/v1/partners/CZ")}
	fr := fetch[bilat.Partner](c, "/api/v1/partners/FR")
	w.event = post[bilat.Event](c, "/api/v1/events", bilat.Event{
		Slug: "test-ga-2025", NameEN: "Test General Assembly", City: "Marrakech", Country: "MA",
		Timezone: "Africa/Casablanca", FirstDay: "2025-11-24", LastDay: "2025-11-27", HostPartnerID: w.host.ID,
	})
	events := "/api/v1/events/" + w.event.Slug
	w.venue = post[bilat.Venue](c, events+"/venues", bilat.Venue{Name: "Palais des congrès"})
	for i := range w.rooms {
		w.rooms[i] = post[bilat.Room](c, events+"/rooms", bilat.Room{VenueID: w.venue.ID, Name: fmt.Sprintf("Salon %d", i+1), Capacity: 12})
	}
	for i := range w.principals {
		p := post[bilat.Person](c, "/api/v1/people", bilat.Person{PartnerID: w.host.ID, Name: fmt.Sprintf("Principal %d", i+1), Languages: []string{"fr", "ar"}})
		w.principals[i] = post[bilat.Principal](c, events+"/principals", bilat.Principal{PersonID: p.ID})
	}
	for i, partner := range []*bilat.Partner{w.cz, fr} {
		w.delegations[i] = post[bilat.Delegation](c, events+"/delegations", bilat.Delegation{PartnerID: partner.ID})
	}
	return w
}

// request asks, for delegation d, to meet principal p.
func (w *world) request(d, p int, priority int) bilat.Request {
	return bilat.Request{
		DelegationID: w.delegations[d].ID,
		Targets:      []bilat.Target{{PrincipalID: w.principals[p].ID, Preference: 1}},
		Topics:       []string{"cybercrime"},
		DurationMin:  30,
		Priority:     priority,
		Languages:    []string{"en"},
	}
}

func TestHealthz(t *testing.T) {
	db := MustOpenDB(t)
	c := client{t: t, s: New(db, db, db, Config{})}
	c.s.log = slog.New(slog.DiscardHandler)
	var h health
	c.call("GET", "/healthz", nil, http.StatusOK, &h)
	if h.Status != "ok" {
		t.Errorf("status %q, want ok", h.Status)
	}
	db.Close()
	c.call("GET", "/healthz", nil, http.StatusServiceUnavailable, &h)
	if h.Status != "unavailable" {
		t.Errorf("status %q, want unavailable", h.Status)
	}
}
