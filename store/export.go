package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"bilat"
)

// ExportEvent returns the event with id and everything it references, with
// database ids replaced by local numbers (see bilat.EventExport). It reads
// in one transaction, so the document is a consistent snapshot.
func (db *DB) ExportEvent(ctx context.Context, id int64) (*bilat.EventExport, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == postgresDialect {
		opts.Isolation = sql.LevelRepeatableRead
	}
	stx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("export: begin: %w", err)
	}
	defer stx.Rollback()
	doc, err := readEvent(ctx, conn{c: stx, d: db.dialect}, id)
	if err != nil {
		return nil, err
	}
	renumber(doc)
	return doc, nil
}

// readEvent reads the event and its parts with their database ids.
func readEvent(ctx context.Context, c conn, id int64) (*bilat.EventExport, error) {
	e, err := events.get(ctx, c, id)
	if err != nil {
		return nil, err
	}
	doc := &bilat.EventExport{Format: bilat.ExportFormat, Event: e}
	byEvent := func(t string) string { return " WHERE " + t + ".event_id = ? ORDER BY " + t + ".id" }
	steps := []func() error{
		func() (err error) {
			doc.Venues, err = venues.query(ctx, c, venues.selectSQL()+byEvent("venues"), id)
			return
		},
		func() (err error) {
			doc.Rooms, err = rooms.query(ctx, c, rooms.selectSQL()+byEvent("rooms"), id)
			return
		},
		func() (err error) {
			doc.Sessions, err = sessions.query(ctx, c, sessions.selectSQL()+byEvent("sessions"), id)
			return
		},
		func() (err error) {
			doc.Delegations, err = delegations.query(ctx, c, delegations.selectSQL()+byEvent("delegations"), id)
			return
		},
		func() (err error) {
			doc.Principals, err = principals.query(ctx, c, principals.selectSQL()+byEvent("principals"), id)
			return
		},
		func() (err error) {
			doc.Requests, err = requests.query(ctx, c, requests.selectSQL()+byEvent("requests"), id)
			return
		},
		func() (err error) {
			doc.Meetings, err = meetings.query(ctx, c, meetings.selectSQL()+byEvent("meetings"), id)
			return
		},
		func() (err error) {
			doc.Actions, err = actions.query(ctx, c, actions.selectSQL()+" JOIN meetings m ON m.id = actions.meeting_id WHERE m.event_id = ? ORDER BY actions.id", id)
			return
		},
		func() (err error) {
			doc.Agreements, err = agreements.query(ctx, c, agreements.selectSQL()+byEvent("agreements"), id)
			return
		},
		func() error { return readReferenced(ctx, c, doc) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	return doc, nil
}

// readReferenced adds the people, partners and topics the event refers to.
func readReferenced(ctx context.Context, c conn, doc *bilat.EventExport) error {
	var err error
	if doc.People, err = byIDs(ctx, c, people, personRefs(doc)); err != nil {
		return err
	}
	if doc.Partners, err = byIDs(ctx, c, partners, partnerRefs(doc)); err != nil {
		return err
	}
	sort.Slice(doc.Partners, func(i, j int) bool { return doc.Partners[i].Code < doc.Partners[j].Code })
	all, _, err := topics.list(ctx, c, where{}, "code", bilat.Page{Limit: bilat.MaxLimit})
	used := topicRefs(doc)
	for _, t := range all {
		if used[t.Code] {
			doc.Topics = append(doc.Topics, t)
		}
	}
	doc.Topics = list(doc.Topics)
	return err
}

func byIDs[T any](ctx context.Context, c conn, t *table[T], ids map[int64]bool) ([]*T, error) {
	keys := make([]int64, 0, len(ids))
	for id := range ids {
		if id != 0 {
			keys = append(keys, id)
		}
	}
	if len(keys) == 0 {
		return []*T{}, nil
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return t.query(ctx, c, t.selectSQL()+" WHERE "+t.name+".id IN ("+placeholders(len(keys))+") ORDER BY "+t.name+".id", anys(keys)...)
}

func personRefs(doc *bilat.EventExport) map[int64]bool {
	ids := map[int64]bool{}
	for _, d := range doc.Delegations {
		ids[d.HeadID] = true
		for _, m := range d.Members {
			ids[m] = true
		}
	}
	for _, p := range doc.Principals {
		ids[p.PersonID] = true
	}
	for _, s := range doc.Sessions {
		for _, a := range s.Attendees {
			ids[a] = true
		}
	}
	for _, r := range doc.Requests {
		ids[r.RequestedByID] = true
	}
	for _, m := range doc.Meetings {
		for _, p := range m.Participants {
			ids[p] = true
		}
	}
	for _, a := range doc.Actions {
		ids[a.OwnerID] = true
	}
	return ids
}

func partnerRefs(doc *bilat.EventExport) map[int64]bool {
	ids := map[int64]bool{doc.Event.HostPartnerID: true}
	for _, d := range doc.Delegations {
		ids[d.PartnerID] = true
	}
	for _, p := range doc.People {
		ids[p.PartnerID] = true
	}
	for _, a := range doc.Agreements {
		for _, p := range a.Parties {
			ids[p] = true
		}
	}
	return ids
}

func topicRefs(doc *bilat.EventExport) map[string]bool {
	used := map[string]bool{}
	for _, r := range doc.Requests {
		for _, t := range r.Topics {
			used[t] = true
		}
	}
	for _, a := range doc.Agreements {
		for _, t := range a.Topics {
			used[t] = true
		}
	}
	return used
}

// numbering maps database ids of one kind to local numbers 1, 2, …
type numbering map[int64]int64

func number[T any](xs []*T, rec func(*T) *bilat.Record) numbering {
	n := numbering{}
	for i, x := range xs {
		n[rec(x).ID] = int64(i + 1)
	}
	return n
}

func (n numbering) of(id int64) int64 { return n[id] }

func (n numbering) all(ids []int64) []int64 {
	out := make([]int64, len(ids))
	for i, id := range ids {
		out[i] = n[id]
	}
	return out
}

// local replaces a record's header by its local number alone.
func local(r *bilat.Record, n numbering) { *r = bilat.Record{ID: n[r.ID]} }
