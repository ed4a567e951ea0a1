package store_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"bilat"
	"bilat/store"
)

func TestCountriesSeeded(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		all, total, err := db.ListPartners(ctx, bilat.PartnerFilter{Page: bilat.Page{Limit: 1000}})
		must(t, err)
		if total != 249 || len(all) != 249 {
			t.Fatalf("partners = %d (listed %d), want the 249 ISO 3166-1 entries", total, len(all))
		}
		members, observers := 0, 0
		for _, p := range all {
			if p.NameEN == "" || p.NameFR == "" || p.NameAR == "" {
				t.Errorf("%s lacks a name in one of three languages", p.Code)
			}
			switch p.UNStatus {
			case "member":
				members++
			case "observer":
				observers++
			}
		}
		if members != 193 || observers != 2 {
			t.Errorf("UN members %d, observers %d; want 193 and 2", members, observers)
		}
		tr, err := db.PartnerByCode(ctx, "tr")
		must(t, err)
		if tr.NameEN != "Türkiye" || tr.Kind != bilat.KindCountry || tr.Region != "142" {
			t.Errorf("TR = %+v", tr)
		}
	})
}

func TestReopenKeepsDataAndSeedsOnce(t *testing.T) {
	path := t.TempDir() + "/bilat.db"
	db, err := store.Open(ctx, path)
	must(t, err)
	f := newFixture(t, db)
	db.Close()
	db, err = store.Open(ctx, path)
	must(t, err)
	defer db.Close()
	_, total, err := db.ListPartners(ctx, bilat.PartnerFilter{})
	must(t, err)
	if total != 250 {
		t.Errorf("partners after reopening = %d, want 249 countries + 1 organisation", total)
	}
	if _, err := db.Event(ctx, f.event.ID); err != nil {
		t.Errorf("event lost on reopening: %v", err)
	}
	v, err := db.SchemaVersion(ctx)
	must(t, err)
	if v < 1 {
		t.Errorf("schema version = %d", v)
	}
}

func TestCreateGetUpdate(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		got, err := db.Person(ctx, f.chief.ID)
		must(t, err)
		if got.Name != f.chief.Name || got.Version != 1 || len(got.Aliases) != 2 {
			t.Fatalf("person = %+v", got)
		}
		got.Title = "Directeur général"
		must(t, db.UpdatePerson(ctx, tester, got))
		if got.Version != 2 {
			t.Errorf("version after update = %d, want 2", got.Version)
		}
		again, err := db.Person(ctx, f.chief.ID)
		must(t, err)
		if again.Title != "Directeur général" || again.Version != 2 || !again.CreatedAt.Equal(got.CreatedAt) {
			t.Errorf("after update: %+v", again)
		}
		_, err = db.Person(ctx, 99999)
		wantCode(t, err, bilat.ENOTFOUND)
		r, err := db.Request(ctx, f.requests[0].ID)
		must(t, err)
		if len(r.Topics) != 2 || r.Topics[0] != "cybercrime" || len(r.Targets) != 1 || r.Status != bilat.StatusRequested {
			t.Errorf("request read back = %+v", r)
		}
	})
}

func TestStaleVersionConflict(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		stale := *f.chief
		fresh := *f.chief
		fresh.Title = "first"
		must(t, db.UpdatePerson(ctx, tester, &fresh))
		before := auditCount(t, db)
		stale.Title = "second"
		err := db.UpdatePerson(ctx, tester, &stale)
		wantCode(t, err, bilat.ECONFLICT)
		got, _ := db.Person(ctx, f.chief.ID)
		if got.Title != "first" || got.Version != 2 {
			t.Errorf("stale update changed the record: %+v", got)
		}
		if auditCount(t, db) != before {
			t.Error("a refused update wrote an audit row")
		}
	})
}

// Two writers read the same version and update at once: exactly one wins,
// the other gets a conflict, and the winner's change is what is stored.
func TestConcurrentUpdates(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for round := 0; round < 5; round++ {
			base, err := db.Room(ctx, f.rooms[0].ID)
			must(t, err)
			var wg sync.WaitGroup
			errs := make([]error, 2)
			edits := make([]*bilat.Room, 2)
			for i := range edits {
				r := *base
				r.Capacity = 100 + 10*round + i
				edits[i] = &r
				wg.Add(1)
				go func() { defer wg.Done(); errs[i] = db.UpdateRoom(ctx, tester, edits[i]) }()
			}
			wg.Wait()
			won := -1
			for i, err := range errs {
				switch bilat.ErrorCode(err) {
				case "":
					if won >= 0 {
						t.Fatalf("round %d: both updates won", round)
					}
					won = i
				case bilat.ECONFLICT:
				default:
					t.Fatalf("round %d: unexpected error %v", round, err)
				}
			}
			if won < 0 {
				t.Fatalf("round %d: neither update won: %v", round, errs)
			}
			got, err := db.Room(ctx, f.rooms[0].ID)
			must(t, err)
			if got.Capacity != edits[won].Capacity || got.Version != base.Version+1 {
				t.Fatalf("round %d: stored %+v, winner %+v", round, got, edits[won])
			}
			entries, _, err := db.ListAudit(ctx, bilat.AuditFilter{Entity: "room", EntityID: got.ID})
			must(t, err)
			if len(entries) != round+2 {
				t.Fatalf("round %d: audit rows for the room = %d, want %d", round, len(entries), round+2)
			}
		}
	})
}

func TestAuditTrail(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		p := *f.chief
		p.Title = "DG"
		must(t, db.UpdatePerson(ctx, bilat.Actor{Name: "amina"}, &p))
		entries, _, err := db.ListAudit(ctx, bilat.AuditFilter{Entity: "person", EntityID: p.ID})
		must(t, err)
		if len(entries) != 2 {
			t.Fatalf("audit entries = %d, want create and update", len(entries))
		}
		up := entries[0]
		if up.Action != "update" || up.Actor != "amina" || !strings.Contains(string(up.Before), `"Director General"`) || !strings.Contains(string(up.After), `"DG"`) {
			t.Errorf("update entry = %+v", up)
		}
		if entries[1].Action != "create" || entries[1].Before != nil || entries[1].Actor != "tester" {
			t.Errorf("create entry = %+v", entries[1])
		}
	})
}

func TestDoubleBookingRefused(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a, b, c := f.requests[0], f.requests[1], f.requests[2]
		for _, r := range []*bilat.Request{a, b, c} {
			transition(t, db, r, bilat.Transition{To: bilat.StatusAccepted})
		}
		at := day(t, "2025-11-25 10:00")
		transition(t, db, a, bilat.Transition{To: bilat.StatusScheduled, Start: &at, RoomID: f.rooms[0].ID})

		overlap := day(t, "2025-11-25 10:15")
		_, err := db.TransitionRequest(ctx, tester, b.ID, bilat.Transition{To: bilat.StatusScheduled, Version: b.Version, Start: &overlap, RoomID: f.rooms[1].ID})
		wantCode(t, err, bilat.ECONFLICT)
		if !strings.Contains(bilat.ErrorMessage(err), "principal") {
			t.Errorf("message %q does not say the principal is taken", bilat.ErrorMessage(err))
		}
		// The deputy is free then, but the room is not.
		_, err = db.TransitionRequest(ctx, tester, b.ID, bilat.Transition{To: bilat.StatusScheduled, Version: b.Version, Start: &overlap, RoomID: f.rooms[0].ID, PrincipalID: f.deputy.ID})
		wantCode(t, err, bilat.ECONFLICT)
		transition(t, db, b, bilat.Transition{To: bilat.StatusScheduled, Start: &overlap, RoomID: f.rooms[1].ID, PrincipalID: f.deputy.ID})

		outside := day(t, "2025-11-29 10:00")
		_, err = db.TransitionRequest(ctx, tester, c.ID, bilat.Transition{To: bilat.StatusScheduled, Version: c.Version, Start: &outside, RoomID: f.rooms[1].ID})
		wantCode(t, err, bilat.EINVALID)

		// Moving a meeting onto another is refused; cancelling frees the slot.
		ms, _, err := db.ListMeetings(ctx, bilat.MeetingFilter{EventID: f.event.ID})
		must(t, err)
		if len(ms) != 2 {
			t.Fatalf("meetings = %d", len(ms))
		}
		moved := *ms[1]
		moved.PrincipalID, moved.Start, moved.End = f.principal.ID, at, at.Add(30*60e9)
		wantCode(t, db.UpdateMeeting(ctx, tester, &moved), bilat.ECONFLICT)
		transition(t, db, a, bilat.Transition{To: bilat.StatusCancelled})
		moved = *ms[1]
		moved.PrincipalID, moved.Start, moved.End = f.principal.ID, at, at.Add(30*60e9)
		must(t, db.UpdateMeeting(ctx, tester, &moved))
	})
}

func TestListFiltersAndPaging(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, code := range []string{"DE", "ES", "KE", "BR", "IN"} {
			f.addDelegation(t, db, code)
		}
		transition(t, db, f.requests[0], bilat.Transition{To: bilat.StatusAccepted})
		transition(t, db, f.requests[1], bilat.Transition{To: bilat.StatusDeclined, Reason: "no time", Offer: &bilat.Offer{Kind: "deputy", PrincipalID: f.deputy.ID}})
		all, total, err := db.ListRequests(ctx, bilat.RequestFilter{EventID: f.event.ID})
		must(t, err)
		if total != 8 || len(all) != 8 {
			t.Fatalf("requests = %d/%d, want 8", len(all), total)
		}
		page, total, err := db.ListRequests(ctx, bilat.RequestFilter{EventID: f.event.ID, Page: bilat.Page{Offset: 3, Limit: 2}})
		must(t, err)
		if total != 8 || len(page) != 2 || page[0].ID != all[3].ID {
			t.Errorf("page = %d items from %d", len(page), total)
		}
		acc, _, err := db.ListRequests(ctx, bilat.RequestFilter{EventID: f.event.ID, Status: bilat.StatusAccepted})
		must(t, err)
		if len(acc) != 1 || acc[0].ID != f.requests[0].ID {
			t.Errorf("accepted = %v", acc)
		}
		africa, _, err := db.ListRequests(ctx, bilat.RequestFilter{EventID: f.event.ID, Region: "002"})
		must(t, err)
		if len(africa) != 2 { // Ethiopia and Kenya
			t.Errorf("requests from Africa = %d, want 2", len(africa))
		}
		byTopic, _, err := db.ListRequests(ctx, bilat.RequestFilter{EventID: f.event.ID, Topic: "terrorism"})
		must(t, err)
		if len(byTopic) != 0 {
			t.Errorf("terrorism requests = %d, want 0", len(byTopic))
		}
		byPrincipal, _, err := db.ListRequests(ctx, bilat.RequestFilter{EventID: f.event.ID, PrincipalID: f.principal.ID})
		must(t, err)
		if len(byPrincipal) != 8 {
			t.Errorf("requests to the principal = %d, want 8", len(byPrincipal))
		}
		_, _, err = db.ListRequests(ctx, bilat.RequestFilter{Sort: "size"})
		wantCode(t, err, bilat.EINVALID)
		declined, err := db.Request(ctx, f.requests[1].ID)
		must(t, err)
		if declined.DeclineReason != "no time" || declined.Offer == nil || declined.Offer.PrincipalID != f.deputy.ID {
			t.Errorf("declined request = %+v", declined)
		}
	})
}

func TestResolveOnStore(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		cases := map[string]string{"Tchéquie": "CZ", "République tchèque": "CZ", "التشيك": "CZ", "Macédoine du Nord": "MK", "Corée du Sud": "KR", "Hmouzi": "", "Hamouchi": ""}
		for q, want := range cases {
			res, err := db.Resolve(ctx, q)
			must(t, err)
			if res.Status != "resolved" {
				t.Errorf("%q: status %s (%v)", q, res.Status, res.Matches)
				continue
			}
			if want == "" && (res.Matches[0].Kind != "person" || res.Matches[0].Label != f.chief.Name) {
				t.Errorf("%q: %+v, want the principal", q, res.Matches[0])
			} else if want != "" && res.Matches[0].Key != want {
				t.Errorf("%q: %+v, want %s", q, res.Matches[0], want)
			}
		}
		for _, q := range []string{"Congo", "Guinée"} {
			res, err := db.Resolve(ctx, q)
			must(t, err)
			if res.Status != "ambiguous" || len(res.Matches) < 2 {
				t.Errorf("%q: %s %v, want ambiguous", q, res.Status, res.Matches)
			}
		}
		res, err := db.Resolve(ctx, "Atlantis")
		must(t, err)
		if res.Status != "unknown" {
			t.Errorf("Atlantis: %s", res.Status)
		}
		// A person added after the index was built is found at once.
		must(t, db.CreatePerson(ctx, tester, &bilat.Person{PartnerID: f.host.ID, Name: "Mohamed Dkhissi", Aliases: []string{"Dkhissi"}}))
		res, err = db.Resolve(ctx, "Dkhissi")
		must(t, err)
		if res.Status != "resolved" || res.Matches[0].Label != "Mohamed Dkhissi" {
			t.Errorf("new person not resolved: %+v", res)
		}
	})
}

func TestCountriesAreFixed(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		err := db.CreatePartner(ctx, tester, &bilat.Partner{Kind: bilat.KindCountry, Code: "XK", NameEN: "Kosovo"})
		wantCode(t, err, bilat.EINVALID)
		cz, err := db.PartnerByCode(ctx, "CZ")
		must(t, err)
		renamed := *cz
		renamed.NameEN = "Czech Republic"
		wantCode(t, db.UpdatePartner(ctx, tester, &renamed), bilat.EINVALID)
		cz.Aliases = []string{"Česko"}
		must(t, db.UpdatePartner(ctx, tester, cz))
		res, err := db.Resolve(ctx, "Cesko")
		must(t, err)
		if res.Status != "resolved" || res.Matches[0].Key != "CZ" {
			t.Errorf("alias not used by the resolver: %+v", res)
		}
	})
}

func TestBuiltinSchemesAreReadOnly(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		s, err := db.Scheme(ctx, "un-m49-continents")
		must(t, err)
		if r, ok := s.RegionOf("BS"); !ok || r.Code != "019" {
			t.Errorf("BS in M49 = %+v", r)
		}
		wantCode(t, db.UpdateScheme(ctx, tester, s), bilat.EFORBIDDEN)
		press := &bilat.RegionScheme{Slug: "press", NameEN: "Press", Regions: []bilat.SchemeRegion{{Code: "asia", NameEN: "Asia"}, {Code: "latam", NameEN: "Latin America"}},
			Members: map[string]string{"TR": "asia", "BS": "latam"}}
		must(t, db.CreateScheme(ctx, tester, press))
		got, err := db.Scheme(ctx, "press")
		must(t, err)
		if r, _ := got.RegionOf("TR"); r.NameEN != "Asia" {
			t.Errorf("TR in press scheme = %+v", r)
		}
		bad := &bilat.RegionScheme{Slug: "bad", NameEN: "Bad", Regions: []bilat.SchemeRegion{{Code: "x", NameEN: "X"}}, Members: map[string]string{"ZZ": "x"}}
		err = db.CreateScheme(ctx, tester, bad)
		wantCode(t, err, bilat.EINVALID)
		if ps := bilat.ErrorProblems(err); len(ps) != 1 || ps[0].Field != "members.ZZ" {
			t.Errorf("problems = %v", ps)
		}
	})
}

func TestErrorsAreTyped(t *testing.T) {
	var e *bilat.Error
	if !errors.As(bilat.Errorf(bilat.ENOTFOUND, "x"), &e) {
		t.Fatal("Errorf does not return *bilat.Error")
	}
}
