package plan_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata"

	"bilat"
	"bilat/demo"
	"bilat/store"
)

var ctx = context.Background()

var tester = bilat.Actor{Name: "tester"}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// mustOpen opens a fresh SQLite store in the test's temporary folder.
func mustOpen(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "bilat.db"))
	must(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// mustDemo builds the Marrakech demo into a fresh store.
func mustDemo(t testing.TB) (*store.DB, *bilat.Event) {
	t.Helper()
	db := mustOpen(t)
	e, err := demo.Build(ctx, db, bilat.LocalActor)
	must(t, err)
	return db, e
}

// at is a local time of the small event: day 0 or 1, hour and minute.
func at(t testing.TB, day, hour, minute int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Africa/Casablanca")
	must(t, err)
	return time.Date(2025, 11, 24+day, hour, minute, 0, 0, loc)
}

// small is a two-day event: the Director General and a deputy; two venues
// 15 minutes apart with three rooms; an opening for everyone; Czechia
// (asking for the Director General, else the deputy) and Norway accepted,
// Ethiopia scheduled at 12:00 on day 0 in room 0.
type small struct {
	event      *bilat.Event
	dg, deputy *bilat.Principal
	dgPerson   *bilat.Person
	rooms      []*bilat.Room
	heads      map[string]*bilat.Person
	requests   map[string]*bilat.Request
	meeting    *bilat.Meeting // Ethiopia's
}

func newSmall(t testing.TB, db *store.DB) *small {
	t.Helper()
	s := &small{heads: map[string]*bilat.Person{}, requests: map[string]*bilat.Request{}}
	host := &bilat.Partner{Kind: bilat.KindNationalAgency, Code: "DGSN", NameEN: "National Security", NameFR: "Sûreté nationale", NameAR: "الأمن الوطني", SeatCountry: "MA"}
	must(t, db.CreatePartner(ctx, tester, host))
	s.event = &bilat.Event{Slug: "small", NameEN: "Small Assembly", City: "Marrakech", Country: "MA", Timezone: "Africa/Casablanca",
		FirstDay: "2025-11-24", LastDay: "2025-11-25", HostPartnerID: host.ID}
	must(t, db.CreateEvent(ctx, tester, s.event))
	s.dgPerson = s.person(t, db, host.ID, "Abdellatif Hammouchi")
	s.dg = &bilat.Principal{EventID: s.event.ID, PersonID: s.dgPerson.ID, MaxMeetingsPerDay: 6}
	must(t, db.CreatePrincipal(ctx, tester, s.dg))
	s.deputy = &bilat.Principal{EventID: s.event.ID, PersonID: s.person(t, db, host.ID, "Deputy One").ID, DeputyOf: s.dg.ID}
	must(t, db.CreatePrincipal(ctx, tester, s.deputy))
	s.site(t, db)
	for _, code := range []string{"CZ", "NO", "ET"} {
		s.delegation(t, db, code)
	}
	s.requests["CZ"].Targets = append(s.requests["CZ"].Targets, bilat.Target{PrincipalID: s.deputy.ID, Preference: 2})
	must(t, db.UpdateRequest(ctx, tester, s.requests["CZ"]))
	opening := &bilat.ProgrammeSession{EventID: s.event.ID, Kind: bilat.SessionPlenary, Title: "Opening", Start: at(t, 0, 10, 0), End: at(t, 0, 11, 0)}
	must(t, db.CreateSession(ctx, tester, opening))
	for _, code := range []string{"CZ", "NO", "ET"} {
		s.move(t, db, code, bilat.Transition{To: bilat.StatusAccepted})
	}
	start := at(t, 0, 12, 0)
	s.move(t, db, "ET", bilat.Transition{To: bilat.StatusScheduled, Start: &start, RoomID: s.rooms[0].ID})
	list, _, err := db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID})
	must(t, err)
	s.meeting = list[0]
	return s
}

func (s *small) person(t testing.TB, db *store.DB, partner int64, name string) *bilat.Person {
	t.Helper()
	p := &bilat.Person{PartnerID: partner, Name: name}
	must(t, db.CreatePerson(ctx, tester, p))
	return p
}

// site makes the conference centre (rooms 0 and 1) and the hotel (room 2).
func (s *small) site(t testing.TB, db *store.DB) {
	t.Helper()
	centre := &bilat.Venue{EventID: s.event.ID, Name: "Conference centre"}
	must(t, db.CreateVenue(ctx, tester, centre))
	hotel := &bilat.Venue{EventID: s.event.ID, Name: "Hotel", Travel: []bilat.TravelTime{{VenueID: centre.ID, Minutes: 15}}}
	must(t, db.CreateVenue(ctx, tester, hotel))
	for _, r := range []struct {
		venue    int64
		name     string
		capacity int
		features []string
	}{
		{centre.ID, "Salon A", 10, []string{"interpretation"}},
		{centre.ID, "Salon B", 6, []string{"interpretation"}},
		{hotel.ID, "Suite", 4, nil},
	} {
		room := &bilat.Room{EventID: s.event.ID, VenueID: r.venue, Name: r.name, Capacity: r.capacity, Features: r.features}
		must(t, db.CreateRoom(ctx, tester, room))
		s.rooms = append(s.rooms, room)
	}
}

// delegation adds a country's delegation of two, its head and its request
// to meet the Director General.
func (s *small) delegation(t testing.TB, db *store.DB, code string) {
	t.Helper()
	p, err := db.PartnerByCode(ctx, code)
	must(t, err)
	head := s.person(t, db, p.ID, "Head of "+p.NameEN)
	aide := s.person(t, db, p.ID, "Aide of "+p.NameEN)
	d := &bilat.Delegation{EventID: s.event.ID, PartnerID: p.ID, HeadID: head.ID, Members: []int64{head.ID, aide.ID}}
	must(t, db.CreateDelegation(ctx, tester, d))
	r := &bilat.Request{EventID: s.event.ID, DelegationID: d.ID, Targets: []bilat.Target{{PrincipalID: s.dg.ID, Preference: 1}},
		Topics: []string{"cybercrime"}, DurationMin: 30, Priority: 3, Languages: []string{"en"}, Interpretation: code != "NO"}
	must(t, db.CreateRequest(ctx, tester, r))
	s.heads[code], s.requests[code] = head, r
}

// move transitions the request of code from the version last read.
func (s *small) move(t testing.TB, db *store.DB, code string, tr bilat.Transition) {
	t.Helper()
	r := s.requests[code]
	tr.Version = r.Version
	out, err := db.TransitionRequest(ctx, tester, r.ID, tr)
	must(t, err)
	s.requests[code] = out
}
