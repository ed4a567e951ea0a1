package b2b

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"bilat"
)

// Session says when a meeting may take place.
type Session int

// The sessions of the requested rows.
const (
	Morning   Session = 1
	Afternoon Session = 2
	Either    Session = 3
)

// Limits on what ReadDZN accepts. MaxSlots is a day of 20-minute slots:
// the whole event must fit in one day (see Problem). MaxCount bounds the
// participants and meetings, so that a broken header cannot make the reader
// allocate without end.
const (
	MaxSlots = 72
	MaxCount = 100_000
)

// Instance is one B2B data file. Participants, meetings and slots are
// numbered from 1, as in the file.
type Instance struct {
	Business     int // participants 1..Business
	Tables       int // meetings that can take place at once
	TotalSlots   int // slots 1..TotalSlots
	MorningSlots int // slots 1..MorningSlots are the morning, the rest the afternoon
	Meetings     []Meeting
	// Forbidden[b-1] lists, ascending, the slots participant b cannot meet in.
	Forbidden [][]int
}

// Meeting is one requested meeting, Meetings[i-1] being meeting i.
type Meeting struct {
	A, B    int // the two participants
	Session Session
	Fixed   int   // the slot it must take place in; 0 when free
	After   []int // meetings that must take place before this one, ascending
}

// knownFields lists every field ReadDZN knows; the others are refused, so that
// a misspelt optional field is not silently taken as absent.
var knownFields = map[string]bool{
	"nBusiness": true, "nMeetings": true, "nTables": true, "nTotalSlots": true, "nMorningSlots": true,
	"requested": true, "forbidden": true, "fixed": true, "precedences": true,
	"nMeetingsBusiness": true, "meetingsxBusiness": true,
}

// ReadDZN reads a B2B data file in MiniZinc's .dzn syntax.
//
// nBusiness, nMeetings, nTables, nTotalSlots, nMorningSlots and requested
// are required; forbidden, fixed and precedences may be left out (nothing
// forbidden, fixed or ordered). In forbidden, slot 0 is ignored: the
// files use {0} for "none" and add 0 to non-empty sets. nMeetingsBusiness,
// if given, must agree with requested. meetingsxBusiness is redundant with
// requested (and numbers meetings from 2) and is not read beyond its
// syntax.
//
// A file that cannot be read gives an EINVALID *bilat.Error whose problems
// name the field, with indices counted from 1 as in the file, and the line.
func ReadDZN(r io.Reader) (*Instance, error) {
	return readDZN(r, maxMembers)
}

// readDZN is ReadDZN expanding at most budget set elements in all.
func readDZN(r io.Reader, budget int) (*Instance, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading the B2B data: %w", err)
	}
	list, err := parseDZN(src)
	if err != nil {
		return nil, unreadable(err)
	}
	d := &decoder{fields: map[string]assignment{}, probs: bilat.NewProblems(""), budget: budget}
	d.index(list)
	in := d.header()
	if d.probs.Len() == 0 {
		d.requested(in)
		d.forbidden(in)
		d.fixed(in)
		d.precedences(in)
		d.meetingCounts(in)
	}
	if err := d.probs.Err("B2B data file"); err != nil {
		return nil, err
	}
	return in, nil
}

// unreadable turns a syntax error into an EINVALID error.
func unreadable(err error) error {
	var se *syntaxError
	if !errors.As(err, &se) {
		return err
	}
	field := se.field
	if field == "" {
		field = "body"
	}
	return &bilat.Error{Code: bilat.EINVALID, Message: "unreadable B2B data file",
		Problems: []bilat.Problem{{Field: field, Message: se.Error()}}}
}

// decoder checks the parsed assignments and builds the instance, recording
// every problem it finds.
type decoder struct {
	fields map[string]assignment
	probs  bilat.Problems
	budget int // how many more set elements may be expanded
}

// maxMembers bounds the elements of all sets together, since a short
// range such as 1..100000 may stand for many.
const maxMembers = 10_000_000

func (d *decoder) addf(field string, line int, format string, args ...any) {
	d.probs.Add(field, "line %d: %s", line, fmt.Sprintf(format, args...))
}

// index files the assignments by name, refusing repeated and unknown ones.
func (d *decoder) index(list []assignment) {
	for _, a := range list {
		switch prev, seen := d.fields[a.name]; {
		case !knownFields[a.name]:
			d.addf(a.name, a.line, "unknown field")
		case seen:
			d.addf(a.name, a.line, "given again (first on line %d)", prev.line)
		default:
			d.fields[a.name] = a
		}
	}
}

// header reads the sizes.
func (d *decoder) header() *Instance {
	in := &Instance{
		Business:   d.scalar("nBusiness", 0, MaxCount),
		Tables:     d.scalar("nTables", 1, MaxCount),
		TotalSlots: d.scalar("nTotalSlots", 1, MaxSlots),
	}
	in.Meetings = make([]Meeting, d.scalar("nMeetings", 0, MaxCount))
	morningMax := in.TotalSlots
	if morningMax == 0 { // nTotalSlots is wrong, and said so already
		morningMax = MaxSlots
	}
	in.MorningSlots = d.scalar("nMorningSlots", 0, morningMax)
	return in
}

// scalar reads the required number name, which must lie in lo..hi.
func (d *decoder) scalar(name string, lo, hi int) int {
	a, ok := d.fields[name]
	switch {
	case !ok:
		d.probs.Add(name, "is missing")
	case a.val.kind != kindInt:
		d.addf(name, a.line, "must be a number, not %v", a.val.kind)
	case a.val.n < lo || a.val.n > hi:
		d.addf(name, a.line, "%d is not in %d..%d", a.val.n, lo, hi)
	default:
		return a.val.n
	}
	return 0
}

// array returns the elements of the array name, which must have n of them;
// ok is false when the field is absent or wrong.
func (d *decoder) array(name string, n int, required bool) (elems []value, ok bool) {
	a, found := d.fields[name]
	switch {
	case !found && required:
		d.probs.Add(name, "is missing")
	case !found:
	case a.val.kind != kindArray:
		d.addf(name, a.line, "must be an array, not %v", a.val.kind)
	case len(a.val.elems) != n:
		d.addf(name, a.line, "has %d elements, want %d", len(a.val.elems), n)
	default:
		return a.val.elems, true
	}
	return nil, false
}

// requested reads the rows [a, b, session].
func (d *decoder) requested(in *Instance) {
	a, ok := d.fields["requested"]
	switch {
	case !ok:
		d.probs.Add("requested", "is missing")
		return
	case a.val.kind != kindMatrix:
		d.addf("requested", a.line, "must be a two-dimensional array [| a, b, session | ... |], not %v", a.val.kind)
		return
	case len(a.val.rows) != len(in.Meetings):
		d.addf("requested", a.line, "has %d rows, want nMeetings = %d", len(a.val.rows), len(in.Meetings))
		return
	}
	for i, row := range a.val.rows {
		in.Meetings[i] = d.request(fmt.Sprintf("requested[%d]", i+1), row, in.Business)
	}
}

// request reads one row (never empty: the parser drops empty rows).
func (d *decoder) request(field string, row []value, business int) Meeting {
	if len(row) != 3 {
		d.addf(field, row[0].line, "has %d columns, want 3: participant, participant, session", len(row))
		return Meeting{}
	}
	for _, v := range row {
		if v.kind != kindInt {
			d.addf(field, v.line, "must hold numbers, not %v", v.kind)
			return Meeting{}
		}
	}
	m := Meeting{A: row[0].n, B: row[1].n, Session: Session(row[2].n)}
	for _, p := range []int{m.A, m.B} {
		if p < 1 || p > business {
			d.addf(field, row[0].line, "participant %d is not in 1..nBusiness = %d", p, business)
		}
	}
	if m.A == m.B {
		d.addf(field, row[0].line, "participant %d meets themself", m.A)
	}
	if m.Session < Morning || m.Session > Either {
		d.addf(field, row[2].line, "session %d is not 1 (morning), 2 (afternoon) or 3 (either)", m.Session)
	}
	return m
}

// forbidden reads each participant's forbidden slots.
func (d *decoder) forbidden(in *Instance) {
	in.Forbidden = make([][]int, in.Business)
	elems, ok := d.array("forbidden", in.Business, false)
	if !ok {
		return
	}
	for i, v := range elems {
		slots := d.members(fmt.Sprintf("forbidden[%d]", i+1), v, 0, in.TotalSlots, "slot")
		if len(slots) > 0 && slots[0] == 0 { // the files' padding
			slots = slots[1:]
		}
		if len(slots) > 0 {
			in.Forbidden[i] = slots
		}
	}
}

// fixed reads each meeting's fixed slot.
func (d *decoder) fixed(in *Instance) {
	elems, ok := d.array("fixed", len(in.Meetings), false)
	if !ok {
		return
	}
	for i, v := range elems {
		field := fmt.Sprintf("fixed[%d]", i+1)
		switch {
		case v.kind != kindInt:
			d.addf(field, v.line, "must be a number, not %v", v.kind)
		case v.n < 0 || v.n > in.TotalSlots:
			d.addf(field, v.line, "slot %d is not in 0..nTotalSlots = %d (0 = free)", v.n, in.TotalSlots)
		default:
			in.Meetings[i].Fixed = v.n
		}
	}
}

// precedences reads, for each meeting, the meetings that must come first.
func (d *decoder) precedences(in *Instance) {
	elems, ok := d.array("precedences", len(in.Meetings), false)
	if !ok {
		return
	}
	for i, v := range elems {
		field := fmt.Sprintf("precedences[%d]", i+1)
		before := d.members(field, v, 1, len(in.Meetings), "meeting")
		if slices.Contains(before, i+1) {
			d.addf(field, v.line, "meeting %d cannot come before itself", i+1)
		}
		in.Meetings[i].After = before
	}
}

// meetingCounts checks nMeetingsBusiness, if given, against requested.
func (d *decoder) meetingCounts(in *Instance) {
	elems, ok := d.array("nMeetingsBusiness", in.Business, false)
	if !ok || d.probs.Len() > 0 {
		return
	}
	count := make([]int, in.Business)
	for _, m := range in.Meetings {
		count[m.A-1]++
		count[m.B-1]++
	}
	for i, v := range elems {
		if v.kind != kindInt || v.n != count[i] {
			d.addf(fmt.Sprintf("nMeetingsBusiness[%d]", i+1), v.line,
				"participant %d has %d meetings in requested", i+1, count[i])
		}
	}
}

// members returns the elements of the set v, ascending and without
// repeats, checking that each lies in lo..hi; what names them in errors.
func (d *decoder) members(field string, v value, lo, hi int, what string) []int {
	switch {
	case d.budget < 0: // said already
		return nil
	case v.kind != kindSet:
		d.addf(field, v.line, "must be a set such as {1,3..5} or {}, not %v", v.kind)
		return nil
	}
	var out []int
	for _, r := range v.ranges {
		if r[0] > r[1] { // an empty range, as in MiniZinc
			continue
		}
		if r[0] < lo || r[1] > hi {
			d.addf(field, v.line, "%s %s is not in %d..%d", what, rangeString(r), lo, hi)
			continue
		}
		if d.budget -= r[1] - r[0] + 1; d.budget < 0 {
			d.addf(field, v.line, "the sets hold too many elements in all (ranges included)")
			return nil
		}
		for x := r[0]; x <= r[1]; x++ {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func rangeString(r [2]int) string {
	if r[0] == r[1] {
		return fmt.Sprint(r[0])
	}
	return fmt.Sprintf("%d..%d", r[0], r[1])
}
