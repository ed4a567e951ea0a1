package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"bilat"
	"bilat/store"
)

var ctx = context.Background()

var tester = bilat.Actor{Name: "tester"}

// fixture is a small event: a host with a principal and a deputy, two
// rooms, three visiting delegations, each with a request.
type fixture struct {
	event      *bilat.Event
	host       *bilat.Partner
	chief      *bilat.Person
	principal  *bilat.Principal
	deputy     *bilat.Principal
	venue      *bilat.Venue
	rooms      []*bilat.Room
	delegation []*bilat.Delegation
	requests   []*bilat.Request
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func day(t testing.TB, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Africa/Casablanca")
	must(t, err)
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	must(t, err)
	return v
}

func newFixture(t testing.TB, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{}
	f.host = &bilat.Partner{Kind: bilat.KindNationalAgency, Code: "DGSN", NameEN: "National Security", NameFR: "Sûreté nationale", NameAR: "الأمن الوطني", SeatCountry: "MA"}
	must(t, db.CreatePartner(ctx, tester, f.host))
	f.event = &bilat.Event{Slug: "ga-test", NameEN: "Test Assembly", City: "Marrakech", Country: "MA", Timezone: "Africa/Casablanca",
		FirstDay: "2025-11-24", LastDay: "2025-11-27", HostPartnerID: f.host.ID}
	must(t, db.CreateEvent(ctx, tester, f.event))
	f.chief = &bilat.Person{PartnerID: f.host.ID, Name: "Abdellatif Hammouchi", Title: "Director General", Aliases: []string{"Hamouchi", "Hmouzi"}}
	must(t, db.CreatePerson(ctx, tester, f.chief))
	dep := &bilat.Person{PartnerID: f.host.ID, Name: "Deputy One"}
	must(t, db.CreatePerson(ctx, tester, dep))
	f.principal = &bilat.Principal{EventID: f.event.ID, PersonID: f.chief.ID}
	must(t, db.CreatePrincipal(ctx, tester, f.principal))
	f.deputy = &bilat.Principal{EventID: f.event.ID, PersonID: dep.ID, DeputyOf: f.principal.ID}
	must(t, db.CreatePrincipal(ctx, tester, f.deputy))
	f.venue = &bilat.Venue{EventID: f.event.ID, Name: "Palais des congrès"}
	must(t, db.CreateVenue(ctx, tester, f.venue))
	for i := 1; i <= 2; i++ {
		r := &bilat.Room{EventID: f.event.ID, VenueID: f.venue.ID, Name: fmt.Sprintf("B%d", i), Capacity: 10 * i, Features: []string{"interpretation"}}
		must(t, db.CreateRoom(ctx, tester, r))
		f.rooms = append(f.rooms, r)
	}
	for _, code := range []string{"CZ", "NO", "ET"} {
		f.addDelegation(t, db, code)
	}
	return f
}

// addDelegation adds a country's delegation, its head and a request.
func (f *fixture) addDelegation(t testing.TB, db *store.DB, code string) *bilat.Request {
	t.Helper()
	p, err := db.PartnerByCode(ctx, code)
	must(t, err)
	head := &bilat.Person{PartnerID: p.ID, Name: "Head of " + p.NameEN, Languages: []string{"en"}}
	must(t, db.CreatePerson(ctx, tester, head))
	d := &bilat.Delegation{EventID: f.event.ID, PartnerID: p.ID, HeadID: head.ID, Members: []int64{head.ID}}
	must(t, db.CreateDelegation(ctx, tester, d))
	f.delegation = append(f.delegation, d)
	r := &bilat.Request{EventID: f.event.ID, DelegationID: d.ID, RequestedByID: head.ID, Targets: []bilat.Target{{PrincipalID: f.principal.ID, Preference: 1}},
		Topics: []string{"cybercrime", "information_exchange"}, DurationMin: 30, Priority: 3, Languages: []string{"en", "fr"}}
	must(t, db.CreateRequest(ctx, tester, r))
	f.requests = append(f.requests, r)
	return r
}

// transition moves a request, failing the test on error.
func transition(t testing.TB, db *store.DB, r *bilat.Request, tr bilat.Transition) *bilat.Request {
	t.Helper()
	tr.Version = r.Version
	out, err := db.TransitionRequest(ctx, tester, r.ID, tr)
	must(t, err)
	*r = *out
	return out
}

// auditCount is the number of rows in the audit trail.
func auditCount(t testing.TB, db *store.DB) int {
	t.Helper()
	_, n, err := db.ListAudit(ctx, bilat.AuditFilter{})
	must(t, err)
	return n
}

// wantCode checks the error's code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := bilat.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}
