package bilat

import (
	"encoding/json"
	"strings"
	"testing"
)

const secretNote = "secret: prefers the back entrance"

// restrictedRecords returns one record of each kind that carries notes,
// each with a restricted note, and a meeting with a briefing.
func restrictedRecords() (*Partner, *Person, *Event, *Delegation, *Request, *Meeting) {
	return &Partner{Code: "NO", Notes: secretNote, NotesRestricted: true},
		&Person{Name: "A", Notes: secretNote, NotesRestricted: true},
		&Event{Slug: "e", Notes: secretNote, NotesRestricted: true},
		&Delegation{PartnerID: 1, Notes: secretNote, NotesRestricted: true},
		&Request{DelegationID: 1, Notes: secretNote, NotesRestricted: true},
		&Meeting{RequestID: 1, Briefing: secretNote}
}

// Every role that is not staff loses restricted notes (flag included);
// staff keep them; the briefing is kept for principals too.
func TestRedactForEveryTypeAndRole(t *testing.T) {
	for _, role := range append(Roles, "") {
		pa, pe, ev, de, rq, me := restrictedRecords()
		for _, r := range []Redactor{pa, pe, ev, de, rq, me} {
			r.RedactFor(role)
		}
		b, err := json.Marshal([]any{pa, pe, ev, de, rq})
		if err != nil {
			t.Fatal(err)
		}
		notes := strings.Count(string(b), secretNote)
		flags := strings.Count(string(b), `"notes_restricted":true`)
		switch {
		case role.Staff() && (notes != 5 || flags != 5):
			t.Errorf("%s: kept %d notes and %d flags of 5", role, notes, flags)
		case !role.Staff() && (notes != 0 || flags != 0):
			t.Errorf("%q: still sees %d restricted notes and %d flags", role, notes, flags)
		}
		if wantBriefing := role.Staff() || role == RolePrincipal; (me.Briefing != "") != wantBriefing {
			t.Errorf("%q: briefing %q", role, me.Briefing)
		}
	}
}

// Notes that are not restricted are shown to everyone.
func TestRedactKeepsOpenNotes(t *testing.T) {
	r := &Request{Notes: "open", NotesRestricted: false}
	Redact(RoleLiaison, r)
	if r.Notes != "open" {
		t.Errorf("an open note was blanked: %q", r.Notes)
	}
}

// pageOf is shaped like a page's data: a record list, a map, a record held
// by value and an embedded struct promoting its fields.
type pageOf struct {
	*Parts
	Items  []*Request
	ByID   map[int64]*Partner
	Value  Delegation
	Values []Person
	Any    any
	hidden *Event
}

// Parts is embedded in pageOf, as the server's pages embed their event's
// parts.
type Parts struct {
	Event *Event
}

// Redact finds records wherever data a page or an encoder reads holds
// them, and leaves alone what neither can read.
func TestRedactWalksData(t *testing.T) {
	pa, pe, ev, de, rq, me := restrictedRecords()
	hidden := &Event{Notes: secretNote, NotesRestricted: true}
	d := &pageOf{Parts: &Parts{Event: ev}, Items: []*Request{rq, rq}, ByID: map[int64]*Partner{1: pa},
		Value: *de, Values: []Person{*pe}, Any: []*Meeting{me}, hidden: hidden}
	Redact(RoleViewer, d)
	for name, got := range map[string]string{"embedded event": d.Event.Notes, "request": rq.Notes, "partner in a map": pa.Notes,
		"delegation by value": d.Value.Notes, "person in a slice of values": d.Values[0].Notes, "briefing behind any": me.Briefing} {
		if got != "" {
			t.Errorf("%s: %q left", name, got)
		}
	}
	if hidden.Notes != secretNote {
		t.Error("an unexported field was walked")
	}
	Redact(RoleViewer, nil)
}

// Staff see everything: Redact leaves their data untouched.
func TestRedactStaffUntouched(t *testing.T) {
	_, _, _, _, rq, _ := restrictedRecords()
	Redact(RoleDesk, []*Request{rq})
	Redact(RoleAdmin, rq)
	if rq.Notes != secretNote || !rq.NotesRestricted {
		t.Error("staff lost a restricted note")
	}
}

// The flag needs notes, and notes have a length limit.
func TestRestrictedNotesValidated(t *testing.T) {
	d := &Delegation{EventID: 1, PartnerID: 1, NotesRestricted: true}
	if err := d.Validate(); err == nil || !strings.Contains(err.Error(), "notes_restricted") {
		t.Errorf("a restriction without notes: %v", err)
	}
	p := &Partner{Kind: KindOther, Code: "X", NameEN: "X", Notes: strings.Repeat("n", MaxNotes+1)}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "notes") {
		t.Errorf("notes too long: %v", err)
	}
}
