package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"bilat"
)

// ImportEvent loads an export document as a new event, all or nothing:
// the whole document is checked first and every problem reported at once
// with its path (requests[3].earliest); then everything is written in one
// transaction, so a failure half-way leaves the database as it was.
// Partners are matched by code and topics by code; people by partner and
// name; everything else is created.
func (db *DB) ImportEvent(ctx context.Context, a bilat.Actor, doc *bilat.EventExport) (*bilat.Event, error) {
	doc, err := copyDocument(doc)
	if err != nil {
		return nil, err
	}
	if err := checkDocument(doc); err != nil {
		return nil, err
	}
	var out *bilat.Event
	err = db.inTx(ctx, a, func(tx *Tx) error {
		im := &importer{ctx: ctx, tx: tx, doc: doc, ids: map[string]map[int64]int64{}}
		if err := im.run(); err != nil {
			return err
		}
		out = doc.Event
		return nil
	})
	if err != nil {
		return nil, err
	}
	return db.Event(ctx, out.ID)
}

// copyDocument returns a deep copy, so that the import, which rewrites
// local numbers into database ids, leaves the caller's document alone.
func copyDocument(doc *bilat.EventExport) (*bilat.EventExport, error) {
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	var out *bilat.EventExport
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return out, nil
}

// nested prefixes the problems of a validation error with path; other
// errors get the path in their message.
func nested(path string, err error) error {
	var e *bilat.Error
	if err == nil || !errors.As(err, &e) {
		return err
	}
	out := &bilat.Error{Code: e.Code, Message: e.Message}
	for _, p := range e.Problems {
		out.Problems = append(out.Problems, bilat.Problem{Field: path + "." + p.Field, Message: p.Message})
	}
	if len(e.Problems) == 0 {
		out.Message = path + ": " + e.Message
	}
	return out
}

// collect adds the problems of a validation error to v under path.
func collect(v bilat.Problems, path string, err error) {
	var e *bilat.Error
	if err == nil {
		return
	}
	if !errors.As(nested(path, err), &e) || len(e.Problems) == 0 {
		v.Add(path, "%s", bilat.ErrorMessage(err))
		return
	}
	for _, p := range e.Problems {
		v.Add(p.Field, "%s", p.Message)
	}
}

// checkDocument checks the document on its own: format, every record's
// fields, and that every local reference names a record of the document.
func checkDocument(doc *bilat.EventExport) error {
	v := bilat.NewProblems("")
	if doc == nil || doc.Event == nil {
		v.Add("event", "is missing: this is not a complete bilat event export")
		return v.Err("import")
	}
	v.Check(doc.Format == bilat.ExportFormat, "format", "must be %q", bilat.ExportFormat)
	collect(v, "event", doc.Event.Validate())
	d := newDocRefs(doc, v)
	checkRecords(d, v)
	return v.Err("import")
}

// docRefs holds the local ids of each kind of record in a document.
type docRefs struct {
	doc  *bilat.EventExport
	v    bilat.Problems
	have map[string]map[int64]bool
}

func newDocRefs(doc *bilat.EventExport, v bilat.Problems) *docRefs {
	d := &docRefs{doc: doc, v: v, have: map[string]map[int64]bool{}}
	d.index("partners", localIDs(doc.Partners, func(x *bilat.Partner) int64 { return x.ID }))
	d.index("people", localIDs(doc.People, func(x *bilat.Person) int64 { return x.ID }))
	d.index("venues", localIDs(doc.Venues, func(x *bilat.Venue) int64 { return x.ID }))
	d.index("rooms", localIDs(doc.Rooms, func(x *bilat.Room) int64 { return x.ID }))
	d.index("sessions", localIDs(doc.Sessions, func(x *bilat.ProgrammeSession) int64 { return x.ID }))
	d.index("delegations", localIDs(doc.Delegations, func(x *bilat.Delegation) int64 { return x.ID }))
	d.index("principals", localIDs(doc.Principals, func(x *bilat.Principal) int64 { return x.ID }))
	d.index("requests", localIDs(doc.Requests, func(x *bilat.Request) int64 { return x.ID }))
	d.index("meetings", localIDs(doc.Meetings, func(x *bilat.Meeting) int64 { return x.ID }))
	d.index("actions", localIDs(doc.Actions, func(x *bilat.Action) int64 { return x.ID }))
	d.index("agreements", localIDs(doc.Agreements, func(x *bilat.Agreement) int64 { return x.ID }))
	return d
}

func localIDs[T any](xs []*T, id func(*T) int64) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		if x == nil {
			continue
		}
		out[i] = id(x)
	}
	return out
}

func (d *docRefs) index(kind string, ids []int64) {
	d.have[kind] = map[int64]bool{}
	for i, id := range ids {
		d.v.Check(id > 0, indexed(kind, i, "id"), "must be a positive local number")
		d.v.Check(!d.have[kind][id], indexed(kind, i, "id"), "%d is used twice", id)
		d.have[kind][id] = true
	}
}

// ref records a problem unless id (when not 0) is a record of kind.
func (d *docRefs) ref(path, kind string, id int64) {
	d.v.Check(id == 0 || d.have[kind][id], path, "no record %d in %s", id, kind)
}

func (d *docRefs) refs(path, kind string, ids []int64) {
	for i, id := range ids {
		d.ref(indexField(path, i), kind, id)
	}
}
