package bilat

import "reflect"

// Restricted notes. Partners, people, events, delegations and requests
// carry free-text notes that the desk may mark restricted: such notes are
// read by administrators and desk officers only. Redact is the one place
// that hides them; the server calls it on everything it sends (JSON and
// pages), so a new endpoint cannot forget it.
//
// A meeting's briefing is not a note of this kind: it is written for the
// principal who holds the meeting, so it is shown to staff and principals
// and hidden from everyone else (liaisons, viewers).

// MaxNotes is the longest notes field accepted, in characters.
const MaxNotes = 4000

// notes checks a notes field and its restricted flag.
func (p Problems) notes(notes string, restricted bool) {
	p.MaxLen(notes, "notes", MaxNotes)
	p.Check(!restricted || notes != "", "notes_restricted", "is set but there are no notes to restrict")
}

// MayRestrictNotes reports whether an actor may mark notes restricted:
// staff, and the program itself (an actor without a role, such as the demo
// builder). A liaison who submits a request may write notes but not hide
// them from themselves or decide what the desk keeps to itself.
func MayRestrictNotes(a Actor) bool { return a.Role == "" || a.Role.Staff() }

// Redactor is a record that hides from a role what only some roles may read.
type Redactor interface {
	// RedactFor blanks, in place, what role may not read.
	RedactFor(role Role)
}

// redactNotes blanks restricted notes for a role that is not staff, flag
// included, so that the reader does not even learn that a note exists.
func redactNotes(role Role, notes *string, restricted *bool) {
	if *restricted && !role.Staff() {
		*notes, *restricted = "", false
	}
}

// RedactFor hides restricted notes from non-staff roles.
func (p *Partner) RedactFor(role Role) { redactNotes(role, &p.Notes, &p.NotesRestricted) }

// RedactFor hides restricted notes from non-staff roles.
func (p *Person) RedactFor(role Role) { redactNotes(role, &p.Notes, &p.NotesRestricted) }

// RedactFor hides restricted notes from non-staff roles.
func (e *Event) RedactFor(role Role) { redactNotes(role, &e.Notes, &e.NotesRestricted) }

// RedactFor hides restricted notes from non-staff roles.
func (x *Delegation) RedactFor(role Role) { redactNotes(role, &x.Notes, &x.NotesRestricted) }

// RedactFor hides restricted notes from non-staff roles.
func (r *Request) RedactFor(role Role) { redactNotes(role, &r.Notes, &r.NotesRestricted) }

// RedactFor hides the briefing from everyone but staff and principals.
func (m *Meeting) RedactFor(role Role) {
	if !role.Staff() && role != RolePrincipal {
		m.Briefing = ""
	}
}

// Redact blanks, in place, everything in v that role may not read: it
// walks pointers, slices, arrays, maps, interfaces and exported struct
// fields, and calls RedactFor on every Redactor it meets. Staff read
// everything, so for them it does nothing. An empty role (nobody signed
// in) is redacted like any outsider.
func Redact(role Role, v any) {
	if role.Staff() || v == nil {
		return
	}
	w := redactor{role: role, seen: map[uintptr]bool{}}
	w.walk(reflect.ValueOf(v))
}

type redactor struct {
	role Role
	seen map[uintptr]bool // pointers already walked: data may share records
}

var redactorType = reflect.TypeFor[Redactor]()

// walk visits v. Values met through unexported fields are skipped, since
// neither templates nor encoders can read them. (Fields an unexported
// embedded struct promotes are readable by templates: page data must embed
// exported types, as the server's does.)
func (w *redactor) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || w.seen[v.Pointer()] {
			return
		}
		w.seen[v.Pointer()] = true
		w.walk(v.Elem())
	case reflect.Interface:
		w.walk(v.Elem())
	case reflect.Struct:
		if v.CanAddr() {
			// A record held by value (in a slice, or a field of a struct
			// reached through a pointer) is redacted through its address.
			if a := v.Addr(); a.Type().Implements(redactorType) && a.CanInterface() {
				a.Interface().(Redactor).RedactFor(w.role)
			}
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				w.walk(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		if !mayHoldRecords(v.Type().Elem()) {
			return
		}
		for i := range v.Len() {
			w.walk(v.Index(i))
		}
	case reflect.Map:
		if !mayHoldRecords(v.Type().Elem()) {
			return
		}
		for it := v.MapRange(); it.Next(); {
			w.walk(it.Value())
		}
	}
}

// mayHoldRecords reports whether values of t can lead to a record, so
// that long lists of strings or numbers are not walked one by one.
func mayHoldRecords(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Struct, reflect.Slice, reflect.Array, reflect.Map:
		return true
	}
	return false
}
