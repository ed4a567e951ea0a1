package store_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"bilat"
	"bilat/store"
)

// richEvent fills the fixture's event with every kind of record.
func richEvent(t *testing.T, db *store.DB) *fixture {
	f := newFixture(t, db)
	hotel := &bilat.Venue{EventID: f.event.ID, Name: "Hotel", Travel: []bilat.TravelTime{{VenueID: f.venue.ID, Minutes: 20}}}
	must(t, db.CreateVenue(ctx, tester, hotel))
	f.venue.Travel = []bilat.TravelTime{{VenueID: hotel.ID, Minutes: 18}}
	must(t, db.UpdateVenue(ctx, tester, f.venue))
	plenary := &bilat.ProgrammeSession{EventID: f.event.ID, Kind: bilat.SessionPlenary, Title: "Opening", Start: day(t, "2025-11-24 09:00"), End: day(t, "2025-11-24 11:00"),
		VenueID: f.venue.ID, Attendees: []int64{f.chief.ID}}
	must(t, db.CreateSession(ctx, tester, plenary))
	a, b := f.requests[0], f.requests[1]
	transition(t, db, a, bilat.Transition{To: bilat.StatusAccepted})
	at := day(t, "2025-11-25 11:00")
	transition(t, db, a, bilat.Transition{To: bilat.StatusScheduled, Start: &at, RoomID: f.rooms[1].ID})
	transition(t, db, a, bilat.Transition{To: bilat.StatusHeld})
	transition(t, db, b, bilat.Transition{To: bilat.StatusDeclined, Reason: "agenda full", Offer: &bilat.Offer{Kind: "deputy", PrincipalID: f.deputy.ID}})
	ms, _, err := db.ListMeetings(ctx, bilat.MeetingFilter{EventID: f.event.ID})
	must(t, err)
	m := ms[0]
	m.Outcome, m.Decisions, m.Participants = "Agreed to exchange liaison officers.", []string{"liaison officers"}, []int64{f.chief.ID}
	must(t, db.UpdateMeeting(ctx, tester, m))
	must(t, db.CreateAction(ctx, tester, &bilat.Action{MeetingID: m.ID, Description: "Send draft MoU", OwnerID: f.chief.ID, Due: "2025-12-15"}))
	cz, err := db.PartnerByCode(ctx, "CZ")
	must(t, err)
	must(t, db.CreateAgreement(ctx, tester, &bilat.Agreement{Kind: "memorandum_of_understanding", Title: "MoU", Parties: []int64{f.host.ID, cz.ID},
		Topics: []string{"cybercrime"}, Status: bilat.AgreementSigned, SignedOn: "2025-11-25", EventID: f.event.ID, MeetingID: m.ID, Place: "Marrakech"}))
	return f
}

func exportJSON(t *testing.T, db *store.DB, id int64) []byte {
	t.Helper()
	doc, err := db.ExportEvent(ctx, id)
	must(t, err)
	b, err := json.MarshalIndent(doc, "", "  ")
	must(t, err)
	return b
}

func TestExportImportRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := richEvent(t, db)
		first := exportJSON(t, db, f.event.ID)
		var doc bilat.EventExport
		must(t, json.Unmarshal(first, &doc))
		if len(doc.Requests) != 3 || len(doc.Meetings) != 1 || len(doc.Actions) != 1 || len(doc.Agreements) != 1 || len(doc.Venues) != 2 {
			t.Fatalf("export holds %d requests, %d meetings, %d actions, %d agreements, %d venues",
				len(doc.Requests), len(doc.Meetings), len(doc.Actions), len(doc.Agreements), len(doc.Venues))
		}
		if bytes.Contains(first, []byte(`"version"`)) || bytes.Contains(first, []byte(`"created_at"`)) {
			t.Error("export carries versions or timestamps")
		}

		other := MustOpenSQLite(t)
		got, err := other.ImportEvent(ctx, tester, &doc)
		must(t, err)
		second := exportJSON(t, other, got.ID)
		if !bytes.Equal(first, second) {
			t.Fatalf("export after import differs:\n%s", firstDiff(first, second))
		}
		// Importing into the same database needs another slug; the copy
		// shares partners and people with the original.
		doc.Event.Slug = "ga-copy"
		copied, err := db.ImportEvent(ctx, tester, &doc)
		must(t, err)
		if copied.ID == f.event.ID {
			t.Fatal("import reused the original event")
		}
		_, n, err := db.ListPeople(ctx, bilat.PersonFilter{})
		must(t, err)
		if n != 5 {
			t.Errorf("people after importing a copy = %d, want the same 5", n)
		}
	})
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + al[i] + "\n  vs " + bl[i]
		}
	}
	return "lengths differ"
}

// counts returns how many records of each kind the database holds.
func counts(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	out := map[string]int{"audit": auditCount(t, db)}
	_, out["partners"], _ = db.ListPartners(ctx, bilat.PartnerFilter{})
	_, out["people"], _ = db.ListPeople(ctx, bilat.PersonFilter{})
	_, out["events"], _ = db.ListEvents(ctx, bilat.EventFilter{})
	_, out["requests"], _ = db.ListRequests(ctx, bilat.RequestFilter{})
	_, out["meetings"], _ = db.ListMeetings(ctx, bilat.MeetingFilter{})
	_, out["agreements"], _ = db.ListAgreements(ctx, bilat.AgreementFilter{})
	ts, _ := db.ListTopics(ctx)
	out["topics"] = len(ts)
	return out
}

func TestImportIsAllOrNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := richEvent(t, db)
		good := exportJSON(t, db, f.event.ID)
		target := MustOpenSQLite(t)
		before := counts(t, target)
		cases := map[string]struct {
			edit func(d *bilat.EventExport)
			want []string // field paths that must be named
			code string
		}{
			"dangling references": {func(d *bilat.EventExport) {
				d.Requests[2].DelegationID = 99
				d.Meetings[0].RoomID = 42
			}, []string{"requests[2].delegation_id", "meetings[0].room_id"}, ""},
			"invalid fields": {func(d *bilat.EventExport) {
				d.Requests[1].DurationMin = 0
				d.Event.Timezone = "Nowhere/Else"
			}, []string{"requests[1].duration_min", "event.timezone"}, ""},
			"double booking": {func(d *bilat.EventExport) {
				d.Requests[2].Status = bilat.StatusScheduled
				m := *d.Meetings[0]
				m.ID, m.RequestID, m.Outcome = 2, d.Requests[2].ID, ""
				d.Meetings = append(d.Meetings, &m)
				d.Actions, d.Agreements = nil, nil
			}, nil, bilat.ECONFLICT},
			"a new organisation with an unknown seat, at the end": {func(d *bilat.EventExport) {
				d.Partners = append(d.Partners, &bilat.Partner{Record: bilat.Record{ID: 99}, Kind: bilat.KindUniversity, Code: "NEWU", NameEN: "New University", SeatCountry: "QQ"})
				d.Event.Slug = "fresh-slug"
			}, []string{"partners[4].seat_country"}, ""},
			"wrong format":         {func(d *bilat.EventExport) { d.Format = "something/2" }, []string{"format"}, ""},
			"held without meeting": {func(d *bilat.EventExport) { d.Meetings, d.Actions, d.Agreements = nil, nil, nil }, []string{"requests[0].status"}, ""},
		}
		for name, c := range cases {
			t.Run(name, func(t *testing.T) {
				var doc bilat.EventExport
				must(t, json.Unmarshal(good, &doc))
				c.edit(&doc)
				_, err := target.ImportEvent(ctx, tester, &doc)
				if err == nil {
					t.Fatal("import accepted")
				}
				if c.code != "" {
					wantCode(t, err, c.code)
				}
				fields := map[string]bool{}
				for _, p := range bilat.ErrorProblems(err) {
					fields[p.Field] = true
				}
				for _, w := range c.want {
					if !fields[w] {
						t.Errorf("problems %v do not name %s", bilat.ErrorProblems(err), w)
					}
				}
				if after := counts(t, target); !reflect.DeepEqual(before, after) {
					t.Errorf("a refused import changed the database: %v → %v", before, after)
				}
			})
		}
	})
}

// TestImportTruncated feeds truncated copies of a real export to the
// decoder and importer: none may change the database.
func TestImportTruncated(t *testing.T) {
	db := MustOpenSQLite(t)
	f := richEvent(t, db)
	good := exportJSON(t, db, f.event.ID)
	target := MustOpenSQLite(t)
	before := counts(t, target)
	for _, n := range []int{0, 1, 10, len(good) / 3, len(good) / 2, len(good) - 2} {
		var doc bilat.EventExport
		if err := json.Unmarshal(good[:n], &doc); err == nil {
			if _, err := target.ImportEvent(ctx, tester, &doc); err == nil {
				t.Errorf("truncated at %d: imported", n)
			}
		}
	}
	if after := counts(t, target); !reflect.DeepEqual(before, after) {
		t.Errorf("truncated imports changed the database: %v → %v", before, after)
	}
}
