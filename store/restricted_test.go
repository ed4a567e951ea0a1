package store_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"bilat"
	"bilat/store"
)

// restrictAll marks a restricted note on every kind of record that has
// notes: the event, a partner, a person, a delegation and a request.
func restrictAll(t *testing.T, db *store.DB, f *fixture, note string) {
	t.Helper()
	f.event.Notes, f.event.NotesRestricted = note, true
	must(t, db.UpdateEvent(ctx, tester, f.event))
	f.host.Notes, f.host.NotesRestricted = note, true
	must(t, db.UpdatePartner(ctx, tester, f.host))
	f.chief.Notes, f.chief.NotesRestricted = note, true
	must(t, db.UpdatePerson(ctx, tester, f.chief))
	f.delegation[0].Notes, f.delegation[0].NotesRestricted = note, true
	must(t, db.UpdateDelegation(ctx, tester, f.delegation[0]))
	f.requests[0].Notes, f.requests[0].NotesRestricted = note, true
	must(t, db.UpdateRequest(ctx, tester, f.requests[0]))
}

// The restricted flag is stored, read back and audited on every record
// that carries notes.
func TestRestrictedNotesRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		before := auditCount(t, db)
		restrictAll(t, db, f, "sensitive: travels with a bodyguard")
		if got := auditCount(t, db) - before; got != 5 {
			t.Errorf("%d audit rows for five changes", got)
		}
		e, err := db.Event(ctx, f.event.ID)
		must(t, err)
		p, err := db.Partner(ctx, f.host.ID)
		must(t, err)
		person, err := db.Person(ctx, f.chief.ID)
		must(t, err)
		d, err := db.Delegation(ctx, f.delegation[0].ID)
		must(t, err)
		r, err := db.Request(ctx, f.requests[0].ID)
		must(t, err)
		for name, got := range map[string]bool{"event": e.NotesRestricted, "partner": p.NotesRestricted, "person": person.NotesRestricted,
			"delegation": d.NotesRestricted, "request": r.NotesRestricted} {
			if !got {
				t.Errorf("the %s's notes came back unrestricted", name)
			}
		}
		other, err := db.Request(ctx, f.requests[1].ID)
		must(t, err)
		if other.NotesRestricted {
			t.Error("a request never marked came back restricted")
		}
		// Lifting the restriction is stored too.
		r.NotesRestricted = false
		must(t, db.UpdateRequest(ctx, tester, r))
		r, err = db.Request(ctx, r.ID)
		must(t, err)
		if r.NotesRestricted {
			t.Error("the restriction could not be lifted")
		}
	})
}

// A restriction without notes is refused, naming the field, and changes
// nothing.
func TestRestrictedWithoutNotesRefused(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		before := auditCount(t, db)
		d := *f.delegation[1]
		d.Notes, d.NotesRestricted = "", true
		err := db.UpdateDelegation(ctx, tester, &d)
		wantCode(t, err, bilat.EINVALID)
		if !bytes.Contains([]byte(err.Error()), []byte("notes_restricted")) {
			t.Errorf("the refusal does not name notes_restricted: %v", err)
		}
		if auditCount(t, db) != before {
			t.Error("a refused change was audited")
		}
	})
}

// The export keeps restricted notes and their flag (the CLI's exports are
// the administrator's), and an import restores them.
func TestRestrictedNotesExported(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		restrictAll(t, db, f, "kept for the desk")
		doc, err := db.ExportEvent(ctx, f.event.ID)
		must(t, err)
		if !doc.Event.NotesRestricted || doc.Event.Notes != "kept for the desk" {
			t.Errorf("the export's event notes: %q restricted=%v", doc.Event.Notes, doc.Event.NotesRestricted)
		}
		b, err := json.Marshal(doc)
		must(t, err)
		if n := bytes.Count(b, []byte(`"notes_restricted":true`)); n != 5 {
			t.Errorf("the export carries %d restricted flags, want 5", n)
		}
		other := MustOpenSQLite(t)
		got, err := other.ImportEvent(ctx, tester, doc)
		must(t, err)
		back, err := other.ExportEvent(ctx, got.ID)
		must(t, err)
		b2, err := json.Marshal(back)
		must(t, err)
		if n := bytes.Count(b2, []byte(`"notes_restricted":true`)); n != 5 {
			t.Errorf("the import restored %d restricted flags, want 5", n)
		}
	})
}

// Searches never match the text of notes, so a restricted note cannot be
// found (or its existence learnt) by searching for its words.
func TestSearchIgnoresRestrictedNotes(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		const secret = "zebracrossing"
		restrictAll(t, db, f, "codename "+secret)
		partners, _, err := db.ListPartners(ctx, bilat.PartnerFilter{Query: secret})
		must(t, err)
		people, _, err := db.ListPeople(ctx, bilat.PersonFilter{Query: secret})
		must(t, err)
		events, _, err := db.ListEvents(ctx, bilat.EventFilter{Query: secret})
		must(t, err)
		if len(partners)+len(people)+len(events) != 0 {
			t.Errorf("a search for a word only in restricted notes found %d partners, %d people, %d events", len(partners), len(people), len(events))
		}
		res, err := db.Resolve(ctx, secret)
		must(t, err)
		if len(res.Matches) != 0 {
			t.Errorf("the resolver matched a restricted note: %+v", res.Matches)
		}
	})
}

// Only the desk marks notes restricted: a liaison's request may carry
// notes but not restrict them, nor lift the desk's restriction.
func TestOnlyTheDeskRestricts(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		liaison := bilat.Actor{Name: "liaison", Role: bilat.RoleLiaison}
		r := *f.requests[0]
		r.ID, r.Version, r.Notes, r.NotesRestricted = 0, 0, "our own note", true
		wantCode(t, db.CreateRequest(ctx, liaison, &r), bilat.EINVALID)
		r.ID, r.Version = 0, 0
		must(t, db.CreateRequest(ctx, bilat.Actor{Name: "desk", Role: bilat.RoleDesk}, &r))
		r.NotesRestricted = false
		wantCode(t, db.UpdateRequest(ctx, liaison, &r), bilat.EINVALID)
	})
}
