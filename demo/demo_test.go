package demo_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"bilat"
	"bilat/demo"
	"bilat/store"
)

// mustOpen opens a fresh SQLite store in a temporary folder.
func mustOpen(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "bilat.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// mustBuild builds the demo into a fresh store.
func mustBuild(t *testing.T) (*store.DB, *bilat.Event) {
	t.Helper()
	db := mustOpen(t)
	e, err := demo.Build(context.Background(), db, bilat.LocalActor)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return db, e
}

// all reads every page of a list.
func all[T any](t *testing.T, list func(bilat.Page) ([]T, int, error)) []T {
	t.Helper()
	var out []T
	for {
		page, total, err := list(bilat.Page{Offset: len(out), Limit: bilat.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out
		}
	}
}

// world is everything the demo recorded for its event.
type world struct {
	event       *bilat.Event
	delegations []*bilat.Delegation
	requests    []*bilat.Request
	meetings    []*bilat.Meeting
	sessions    []*bilat.ProgrammeSession
	rooms       []*bilat.Room
	venues      []*bilat.Venue
	principals  []*bilat.Principal
	agreements  []*bilat.Agreement
}

func read(t *testing.T, db *store.DB, e *bilat.Event) *world {
	ctx := context.Background()
	part := func(p bilat.Page) bilat.EventPart { return bilat.EventPart{EventID: e.ID, Page: p} }
	return &world{
		event: e,
		delegations: all(t, func(p bilat.Page) ([]*bilat.Delegation, int, error) {
			return db.ListDelegations(ctx, bilat.DelegationFilter{EventID: e.ID, Page: p})
		}),
		requests: all(t, func(p bilat.Page) ([]*bilat.Request, int, error) {
			return db.ListRequests(ctx, bilat.RequestFilter{EventID: e.ID, Page: p})
		}),
		meetings: all(t, func(p bilat.Page) ([]*bilat.Meeting, int, error) {
			return db.ListMeetings(ctx, bilat.MeetingFilter{EventID: e.ID, Page: p})
		}),
		sessions: all(t, func(p bilat.Page) ([]*bilat.ProgrammeSession, int, error) { return db.ListSessions(ctx, part(p)) }),
		rooms:    all(t, func(p bilat.Page) ([]*bilat.Room, int, error) { return db.ListRooms(ctx, part(p)) }),
		venues:   all(t, func(p bilat.Page) ([]*bilat.Venue, int, error) { return db.ListVenues(ctx, part(p)) }),
		principals: all(t, func(p bilat.Page) ([]*bilat.Principal, int, error) {
			return db.ListPrincipals(ctx, part(p))
		}),
		agreements: all(t, func(p bilat.Page) ([]*bilat.Agreement, int, error) {
			return db.ListAgreements(ctx, bilat.AgreementFilter{EventID: e.ID, Page: p})
		}),
	}
}

func TestBuild(t *testing.T) {
	db, e := mustBuild(t)
	w := read(t, db, e)
	t.Run("event", func(t *testing.T) { testEvent(t, w) })
	t.Run("counts", func(t *testing.T) { testCounts(t, db, w) })
	t.Run("no overlap", func(t *testing.T) { testNoOverlap(t, w) })
	t.Run("agreements", func(t *testing.T) { testAgreements(t, db, w) })
	t.Run("press scheme", func(t *testing.T) { testPressScheme(t, db) })
	t.Run("illustrative flagged", func(t *testing.T) { testIllustrative(t, db, w) })
	t.Run("principal spellings", func(t *testing.T) { testSpellings(t, db) })
	t.Run("second build refused", func(t *testing.T) {
		_, err := demo.Build(context.Background(), db, bilat.LocalActor)
		if bilat.ErrorCode(err) != bilat.ECONFLICT {
			t.Fatalf("second Build: got %v, want a conflict", err)
		}
	})
}

func testEvent(t *testing.T, w *world) {
	e := w.event
	if e.Slug != demo.Slug || e.Country != "MA" || e.Timezone != "Africa/Casablanca" ||
		e.FirstDay != "2025-11-24" || e.LastDay != "2025-11-27" || e.DelegationsExpected != 196 {
		t.Errorf("event = %+v", e)
	}
}

// testCounts checks that delegations, requests, meetings and counterparts
// are counted apart: 196 visiting delegations and the host's, 52
// counterparts with one request each, 43 of them held.
func testCounts(t *testing.T, db *store.DB, w *world) {
	hosts, illustrative := 0, 0
	for _, d := range w.delegations {
		if d.IsHost {
			hosts++
		}
		if d.Illustrative {
			illustrative++
		}
	}
	if len(w.delegations) != 197 || hosts != 1 {
		t.Errorf("%d delegations, %d of them the host's; want 196 visiting and 1 host", len(w.delegations), hosts)
	}
	if illustrative != 196-52 {
		t.Errorf("%d illustrative delegations, want %d (attending without a reported meeting)", illustrative, 196-52)
	}
	counterparts := map[int64]bool{}
	status := map[bilat.RequestStatus]int{}
	for _, r := range w.requests {
		counterparts[delegation(w, r.DelegationID).PartnerID] = true
		status[r.Status]++
	}
	if len(w.requests) != 52 || len(counterparts) != 52 {
		t.Errorf("%d requests from %d counterparts, want 52 and 52", len(w.requests), len(counterparts))
	}
	if status[bilat.StatusHeld] != 43 || status[bilat.StatusAccepted] != 9 {
		t.Errorf("request statuses %v, want 43 held and 9 accepted", status)
	}
	held := 0
	for _, m := range w.meetings {
		if m.Status == bilat.StatusHeld {
			held++
		}
	}
	if len(w.meetings) != 43 || held != 43 {
		t.Errorf("%d meetings, %d held; want 43 held", len(w.meetings), held)
	}
	if len(w.principals) != 3 || len(w.rooms) < 4 || len(w.rooms) > 6 || len(w.venues) != 2 {
		t.Errorf("%d principals, %d rooms, %d venues", len(w.principals), len(w.rooms), len(w.venues))
	}
}

func delegation(w *world, id int64) *bilat.Delegation {
	for _, d := range w.delegations {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// testNoOverlap checks that no principal or room holds two meetings at
// once, that the meetings keep clear of the principal's programme, and
// that they lie within the event's days.
func testNoOverlap(t *testing.T, w *world) {
	byPrincipal := map[int64][]span{}
	byRoom := map[int64][]span{}
	loc, _ := w.event.Location()
	for _, m := range w.meetings {
		s := span{m.Start, m.End, "meeting"}
		byPrincipal[m.PrincipalID] = append(byPrincipal[m.PrincipalID], s)
		byRoom[m.RoomID] = append(byRoom[m.RoomID], s)
		if day := m.Start.In(loc).Format(bilat.DateLayout); day < w.event.FirstDay || day > w.event.LastDay {
			t.Errorf("meeting %d is on %s, outside the event", m.ID, day)
		}
	}
	dg := director(t, w)
	for _, s := range w.sessions {
		if slices.Contains(s.Attendees, dg.PersonID) {
			byPrincipal[dg.ID] = append(byPrincipal[dg.ID], span{s.Start, s.End, s.Title})
		}
	}
	for id, spans := range byPrincipal {
		checkDisjoint(t, "principal", id, spans)
	}
	for id, spans := range byRoom {
		checkDisjoint(t, "room", id, spans)
	}
}

// director returns the one principal who deputises for nobody.
func director(t *testing.T, w *world) *bilat.Principal {
	t.Helper()
	var found []*bilat.Principal
	for _, p := range w.principals {
		if p.DeputyOf == 0 {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d principals deputise for nobody, want the Director General alone", len(found))
	}
	return found[0]
}

type span struct {
	start, end time.Time
	what       string
}

func checkDisjoint(t *testing.T, kind string, id int64, spans []span) {
	t.Helper()
	slices.SortFunc(spans, func(a, b span) int { return a.start.Compare(b.start) })
	for i := 1; i < len(spans); i++ {
		if spans[i].start.Before(spans[i-1].end) {
			t.Errorf("%s %d: %s at %v overlaps %s at %v", kind, id, spans[i].what, spans[i].start, spans[i-1].what, spans[i-1].start)
		}
	}
}

// testAgreements checks the two memoranda: signed during the event with
// Norway and Ethiopia, each tied to the meeting held with that country.
func testAgreements(t *testing.T, db *store.DB, w *world) {
	ctx := context.Background()
	host, err := db.PartnerByCode(ctx, "DGSN-DGST")
	if err != nil {
		t.Fatal(err)
	}
	var countries []string
	for _, a := range w.agreements {
		if a.Kind != "memorandum_of_understanding" || a.Status != bilat.AgreementSigned || a.Place != "Marrakech" ||
			a.SignedOn < w.event.FirstDay || a.SignedOn > w.event.LastDay || a.Scope == "" || len(a.Topics) == 0 {
			t.Errorf("agreement %+v", a)
		}
		if len(a.Parties) != 2 || a.Parties[0] != host.ID {
			t.Fatalf("agreement %d parties %v, want the host and one country", a.ID, a.Parties)
		}
		other, err := db.Partner(ctx, a.Parties[1])
		if err != nil {
			t.Fatal(err)
		}
		countries = append(countries, other.Code)
		m, err := db.Meeting(ctx, a.MeetingID)
		if err != nil {
			t.Fatal(err)
		}
		if r, _ := db.Request(ctx, m.RequestID); m.Status != bilat.StatusHeld || delegation(w, r.DelegationID).PartnerID != other.ID {
			t.Errorf("agreement %d points at meeting %d, not the meeting held with %s", a.ID, m.ID, other.Code)
		}
	}
	slices.Sort(countries)
	if !slices.Equal(countries, []string{"ET", "NO"}) {
		t.Errorf("agreements with %v, want ET and NO", countries)
	}
}

func testPressScheme(t *testing.T, db *store.DB) {
	s, err := db.Scheme(context.Background(), demo.SchemeSlug)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"TR": "Asia", "BH": "Asia", "KW": "Asia", "YE": "Asia", "BS": "Latin America", "DE": "Europe", "SN": "Africa"}
	for code, region := range want {
		if r, ok := s.RegionOf(code); !ok || r.NameEN != region || r.NameFR == "" || r.NameAR == "" {
			t.Errorf("%s is in %+v, want %s with French and Arabic names", code, r, region)
		}
	}
	if len(s.Members) != 46 {
		t.Errorf("the press scheme has %d members, want the 46 countries the press grouped", len(s.Members))
	}
}

// testIllustrative checks that everything invented says so.
func testIllustrative(t *testing.T, db *store.DB, w *world) {
	for _, r := range w.requests {
		check(t, r.Illustrative, "request", r.ID)
	}
	for _, m := range w.meetings {
		check(t, m.Illustrative, "meeting", m.ID)
	}
	for _, s := range w.sessions {
		check(t, s.Illustrative, "session", s.ID)
	}
	for _, r := range w.rooms {
		check(t, r.Illustrative, "room", r.ID)
	}
	for _, v := range w.venues {
		check(t, v.Illustrative, "venue", v.ID)
	}
	for _, a := range w.agreements {
		check(t, strings.Contains(a.Notes, "Illustrative"), "agreement", a.ID)
	}
	for _, p := range w.principals {
		if p.DeputyOf == 0 {
			continue
		}
		person, err := db.Person(context.Background(), p.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		check(t, p.DeputyOf == director(t, w).ID && strings.HasPrefix(person.Notes, "Illustrative"), "deputy", person.ID)
	}
	for _, r := range w.requests {
		head, err := db.Person(context.Background(), r.RequestedByID)
		if err != nil {
			t.Fatal(err)
		}
		check(t, strings.HasPrefix(head.Notes, "Illustrative"), "head of delegation", head.ID)
	}
}

func check(t *testing.T, flagged bool, kind string, id int64) {
	t.Helper()
	if !flagged {
		t.Errorf("%s %d is invented but not flagged illustrative", kind, id)
	}
}

// testSpellings checks that the press's spellings of the principal find him.
func testSpellings(t *testing.T, db *store.DB) {
	for _, name := range []string{"Hmouzi", "Abdelatif Hammouchi", "عبد اللطيف حموشي"} {
		r, err := db.Resolve(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Matches) == 0 || r.Matches[0].Label != "Abdellatif Hammouchi" {
			t.Errorf("resolve %q = %+v, want Abdellatif Hammouchi", name, r)
		}
	}
}

// TestBuildIsDeterministic builds the demo twice and compares the exports.
func TestBuildIsDeterministic(t *testing.T) {
	var docs [2][]byte
	for i := range docs {
		db, e := mustBuild(t)
		doc, err := db.ExportEvent(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if docs[i], err = json.Marshal(doc); err != nil {
			t.Fatal(err)
		}
	}
	if string(docs[0]) != string(docs[1]) {
		t.Error("two builds on fresh stores export differently")
	}
}
