package store_test

import (
	"reflect"
	"sort"
	"testing"
	"time"

	"bilat"
	"bilat/store"
)

// problemFields returns the sorted field paths of a validation error.
func problemFields(t *testing.T, err error) []string {
	t.Helper()
	wantCode(t, err, bilat.EINVALID)
	var fields []string
	for _, p := range bilat.ErrorProblems(err) {
		fields = append(fields, p.Field)
	}
	sort.Strings(fields)
	return fields
}

// TestValidation creates invalid records of every kind: each is refused
// with all its problems named by field, and nothing is written.
func TestValidation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		early := day(t, "2025-11-26 12:00")
		late := day(t, "2025-11-25 12:00")
		ev := f.event.ID
		cases := []struct {
			name   string
			create func() error
			want   []string
		}{
			{"partner", func() error {
				return db.CreatePartner(ctx, tester, &bilat.Partner{Kind: "club", Code: "bad code", SeatCountry: "ZZ"})
			}, []string{"code", "kind", "name_en", "seat_country"}},
			{"partner seat", func() error {
				return db.CreatePartner(ctx, tester, &bilat.Partner{Kind: bilat.KindUniversity, Code: "UNI", NameEN: "U", SeatCountry: "ZZ"})
			}, []string{"seat_country"}},
			{"person", func() error {
				return db.CreatePerson(ctx, tester, &bilat.Person{Email: "not-an-address", Languages: []string{"French"}, Aliases: []string{" "}})
			}, []string{"aliases[0]", "email", "languages[0]", "name", "partner_id"}},
			{"person partner", func() error {
				return db.CreatePerson(ctx, tester, &bilat.Person{PartnerID: 424242, Name: "X"})
			}, []string{"partner_id"}},
			{"topic", func() error {
				return db.CreateTopic(ctx, tester, &bilat.Topic{Code: "Bad Code"})
			}, []string{"code", "name_ar", "name_en", "name_fr"}},
			{"event", func() error {
				return db.CreateEvent(ctx, tester, &bilat.Event{Slug: "Bad Slug", Country: "MAR", Timezone: "Mars/Olympus", FirstDay: "2025-11-27", LastDay: "2025-11-24"})
			}, []string{"city", "country", "last_day", "name_en", "slug", "timezone"}},
			{"event slug taken", func() error {
				e := *f.event
				e.ID = 0
				return db.CreateEvent(ctx, tester, &e)
			}, []string{"slug"}},
			{"venue", func() error {
				return db.CreateVenue(ctx, tester, &bilat.Venue{EventID: ev, Travel: []bilat.TravelTime{{VenueID: 999, Minutes: -5}}})
			}, []string{"name", "travel[0].minutes", "travel[0].venue_id"}},
			{"venue travel", func() error {
				return db.CreateVenue(ctx, tester, &bilat.Venue{EventID: ev, Name: "Hotel", Travel: []bilat.TravelTime{{VenueID: 999, Minutes: 5}}})
			}, []string{"travel[0].venue_id"}},
			{"room", func() error {
				return db.CreateRoom(ctx, tester, &bilat.Room{EventID: ev, Capacity: 0, Features: []string{"Big Screen"}})
			}, []string{"capacity", "features[0]", "name", "venue_id"}},
			{"session", func() error {
				return db.CreateSession(ctx, tester, &bilat.ProgrammeSession{EventID: ev, Kind: "party", Start: early, End: late})
			}, []string{"end", "kind", "title"}},
			{"delegation", func() error {
				return db.CreateDelegation(ctx, tester, &bilat.Delegation{EventID: ev, Members: []int64{5, 5}})
			}, []string{"members[1]", "partner_id"}},
			{"delegation twice", func() error {
				d := *f.delegation[0]
				d.ID = 0
				return db.CreateDelegation(ctx, tester, &d)
			}, []string{"partner_id"}},
			{"principal", func() error {
				return db.CreatePrincipal(ctx, tester, &bilat.Principal{EventID: ev, MaxMeetingsPerDay: -1})
			}, []string{"max_meetings_per_day", "person_id"}},
			{"request fields", func() error {
				return db.CreateRequest(ctx, tester, &bilat.Request{EventID: ev, DurationMin: 2, Priority: 9, Earliest: &early, Latest: &late, Languages: []string{"English"}})
			}, []string{"delegation_id", "duration_min", "earliest", "languages[0]", "latest", "priority", "targets", "topics"}},
			{"request references", func() error {
				return db.CreateRequest(ctx, tester, &bilat.Request{EventID: ev, DelegationID: 9999, Targets: []bilat.Target{{PrincipalID: 9999, Preference: 1}},
					Topics: []string{"smuggling_of_unicorns"}, DurationMin: 30, Priority: 3})
			}, []string{"delegation_id", "targets[0].principal_id", "topics[0]"}},
			{"request status", func() error {
				r := *f.requests[0]
				r.ID, r.Status = 0, bilat.StatusHeld
				return db.CreateRequest(ctx, tester, &r)
			}, []string{"status"}},
			{"action", func() error {
				return db.CreateAction(ctx, tester, &bilat.Action{Due: "tomorrow", Status: "maybe"})
			}, []string{"description", "due", "meeting_id", "owner_id", "status"}},
			{"agreement", func() error {
				return db.CreateAgreement(ctx, tester, &bilat.Agreement{Kind: "treaty", Status: bilat.AgreementSigned, Topics: []string{"Not A Code"}})
			}, []string{"kind", "parties", "signed_on", "title", "topics[0]"}},
			{"agreement references", func() error {
				return db.CreateAgreement(ctx, tester, &bilat.Agreement{Kind: "agreement", Title: "T", Parties: []int64{777777}, EventID: 888888})
			}, []string{"event_id", "parties[0]"}},
			{"scheme", func() error {
				return db.CreateScheme(ctx, tester, &bilat.RegionScheme{Slug: "x", NameEN: "X", Regions: []bilat.SchemeRegion{{Code: "a", NameEN: "A"}, {Code: "a"}}, Members: map[string]string{"FR": "b"}})
			}, []string{"members.FR", "regions[1].code", "regions[1].name_en"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := auditCount(t, db)
				got := problemFields(t, c.create())
				if !reflect.DeepEqual(got, c.want) {
					t.Errorf("problems at %v, want %v", got, c.want)
				}
				if auditCount(t, db) != before {
					t.Error("an invalid create wrote something")
				}
			})
		}
	})
}

// TestRequestTransitions walks every pair of statuses: the machine's moves
// succeed, every other move is refused and changes nothing.
func TestRequestTransitions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		slot := day(t, "2025-11-24 09:00")
		for _, from := range bilat.RequestStatuses {
			for _, to := range bilat.RequestStatuses {
				r := f.addDelegation(t, db, nextCountry(t, db))
				reach(t, db, f, r, from, &slot)
				tr := bilat.Transition{To: to, Version: r.Version, Reason: "reason", Start: &slot, RoomID: f.rooms[0].ID}
				got, err := db.TransitionRequest(ctx, tester, r.ID, tr)
				if from.CanMoveTo(to) {
					if err != nil || got.Status != to || got.Version != r.Version+1 {
						t.Errorf("%s → %s refused: %v", from, to, err)
					}
					if to == bilat.StatusScheduled {
						slot = slot.Add(time.Hour)
					}
					continue
				}
				wantCode(t, err, bilat.ECONFLICT)
				again, _ := db.Request(ctx, r.ID)
				if again.Status != from || again.Version != r.Version {
					t.Errorf("refused %s → %s changed the request: %+v", from, to, again)
				}
			}
		}
	})
}

// reach moves a new request to status through legal moves.
func reach(t *testing.T, db *store.DB, f *fixture, r *bilat.Request, status bilat.RequestStatus, slot *time.Time) {
	path := map[bilat.RequestStatus][]bilat.RequestStatus{
		bilat.StatusRequested: {},
		bilat.StatusAccepted:  {bilat.StatusAccepted},
		bilat.StatusDeclined:  {bilat.StatusDeclined},
		bilat.StatusWithdrawn: {bilat.StatusWithdrawn},
		bilat.StatusScheduled: {bilat.StatusAccepted, bilat.StatusScheduled},
		bilat.StatusHeld:      {bilat.StatusAccepted, bilat.StatusScheduled, bilat.StatusHeld},
		bilat.StatusCancelled: {bilat.StatusAccepted, bilat.StatusCancelled},
		bilat.StatusNoShow:    {bilat.StatusAccepted, bilat.StatusScheduled, bilat.StatusNoShow},
	}[status]
	for _, to := range path {
		transition(t, db, r, bilat.Transition{To: to, Reason: "reason", Start: slot, RoomID: f.rooms[0].ID})
		if to == bilat.StatusScheduled {
			*slot = slot.Add(time.Hour)
		}
	}
}

var countryCursor = map[*store.DB]int{}

// nextCountry returns a UN member without a delegation yet.
func nextCountry(t *testing.T, db *store.DB) string {
	all, _, err := db.ListPartners(ctx, bilat.PartnerFilter{Kind: bilat.KindCountry, Page: bilat.Page{Limit: 1000}})
	must(t, err)
	for {
		i := countryCursor[db]
		countryCursor[db]++
		if c := all[i].Code; c != "CZ" && c != "NO" && c != "ET" {
			return c
		}
	}
}

func TestTransitionNeeds(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		r := f.requests[0]
		_, err := db.TransitionRequest(ctx, tester, r.ID, bilat.Transition{To: bilat.StatusDeclined, Version: r.Version})
		if fields := problemFields(t, err); !reflect.DeepEqual(fields, []string{"reason"}) {
			t.Errorf("decline without reason: %v", fields)
		}
		_, err = db.TransitionRequest(ctx, tester, r.ID, bilat.Transition{To: bilat.StatusDeclined, Version: r.Version, Reason: "x", Offer: &bilat.Offer{Kind: "dinner"}})
		if fields := problemFields(t, err); !reflect.DeepEqual(fields, []string{"offer.kind"}) {
			t.Errorf("decline with a bad offer: %v", fields)
		}
		_, err = db.TransitionRequest(ctx, tester, r.ID, bilat.Transition{To: bilat.StatusAccepted, Version: r.Version + 7})
		wantCode(t, err, bilat.ECONFLICT)
		transition(t, db, r, bilat.Transition{To: bilat.StatusAccepted})
		_, err = db.TransitionRequest(ctx, tester, r.ID, bilat.Transition{To: bilat.StatusScheduled, Version: r.Version})
		if fields := problemFields(t, err); !reflect.DeepEqual(fields, []string{"room_id", "start"}) {
			t.Errorf("schedule without time and room: %v", fields)
		}
	})
}

func TestAgreementLife(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		no, err := db.PartnerByCode(ctx, "NO")
		must(t, err)
		a := &bilat.Agreement{Kind: "memorandum_of_understanding", Title: "MoU on cross-border crime", Parties: []int64{f.host.ID, no.ID}, Topics: []string{"cross_border_crime"}, EventID: f.event.ID}
		must(t, db.CreateAgreement(ctx, tester, a))
		if a.Status != bilat.AgreementDraft {
			t.Fatalf("new agreement status %s", a.Status)
		}
		_, err = db.TransitionAgreement(ctx, tester, a.ID, bilat.AgreementTransition{To: bilat.AgreementInForce, Version: a.Version})
		wantCode(t, err, bilat.ECONFLICT)
		steps := []bilat.AgreementTransition{{To: bilat.AgreementNegotiating}, {To: bilat.AgreementSigned, SignedOn: "2025-11-26"}, {To: bilat.AgreementInForce, InForceOn: "2025-12-01"}, {To: bilat.AgreementExpired}}
		for _, s := range steps {
			s.Version = a.Version
			a, err = db.TransitionAgreement(ctx, tester, a.ID, s)
			must(t, err)
		}
		if a.Status != bilat.AgreementExpired || a.SignedOn != "2025-11-26" {
			t.Errorf("agreement = %+v", a)
		}
		list, _, err := db.ListAgreements(ctx, bilat.AgreementFilter{PartnerID: no.ID})
		must(t, err)
		if len(list) != 1 {
			t.Errorf("agreements with Norway = %d", len(list))
		}
		b := &bilat.Agreement{Kind: "agreement", Title: "Unsigned", Parties: []int64{no.ID}}
		must(t, db.CreateAgreement(ctx, tester, b))
		_, err = db.TransitionAgreement(ctx, tester, b.ID, bilat.AgreementTransition{To: bilat.AgreementNegotiating, Version: b.Version})
		must(t, err)
		_, err = db.TransitionAgreement(ctx, tester, b.ID, bilat.AgreementTransition{To: bilat.AgreementSigned, Version: b.Version + 1})
		wantCode(t, err, bilat.EINVALID) // signed needs signed_on
	})
}

// TestAgreementTransitions walks every pair of agreement statuses.
func TestAgreementTransitions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		path := map[bilat.AgreementStatus][]bilat.AgreementStatus{
			bilat.AgreementDraft:       {},
			bilat.AgreementNegotiating: {bilat.AgreementNegotiating},
			bilat.AgreementSigned:      {bilat.AgreementNegotiating, bilat.AgreementSigned},
			bilat.AgreementInForce:     {bilat.AgreementNegotiating, bilat.AgreementSigned, bilat.AgreementInForce},
			bilat.AgreementExpired:     {bilat.AgreementNegotiating, bilat.AgreementSigned, bilat.AgreementInForce, bilat.AgreementExpired},
			bilat.AgreementTerminated:  {bilat.AgreementTerminated},
		}
		for _, from := range bilat.AgreementStatuses {
			for _, to := range bilat.AgreementStatuses {
				a := &bilat.Agreement{Kind: "agreement", Title: string(from) + " to " + string(to), Parties: []int64{f.host.ID}}
				must(t, db.CreateAgreement(ctx, tester, a))
				for _, step := range path[from] {
					var err error
					a, err = db.TransitionAgreement(ctx, tester, a.ID, bilat.AgreementTransition{To: step, Version: a.Version, SignedOn: "2025-11-25"})
					must(t, err)
				}
				got, err := db.TransitionAgreement(ctx, tester, a.ID, bilat.AgreementTransition{To: to, Version: a.Version, SignedOn: "2025-11-25"})
				if from.CanMoveTo(to) {
					if err != nil || got.Status != to {
						t.Errorf("%s → %s refused: %v", from, to, err)
					}
					continue
				}
				wantCode(t, err, bilat.ECONFLICT)
				again, _ := db.Agreement(ctx, a.ID)
				if again.Status != from || again.Version != a.Version {
					t.Errorf("refused %s → %s changed the agreement", from, to)
				}
			}
		}
	})
}
