package store

import (
	"context"
	"strconv"

	"bilat"
)

var events = &table[bilat.Event]{
	entity: "event",
	name:   "events",
	cols:   []string{"slug", "name_en", "name_fr", "name_ar", "city", "city_fr", "city_ar", "country", "timezone", "first_day", "last_day", "host_partner_id", "delegations_expected", "notes", "notes_restricted"},
	record: func(e *bilat.Event) *bilat.Record { return &e.Record },
	values: func(e *bilat.Event) []any {
		return []any{e.Slug, e.NameEN, nullStr(e.NameFR), nullStr(e.NameAR), e.City, nullStr(e.CityFR), nullStr(e.CityAR), e.Country, e.Timezone, e.FirstDay, e.LastDay,
			nullID(e.HostPartnerID), e.DelegationsExpected, nullStr(e.Notes), e.NotesRestricted}
	},
	dests: func(e *bilat.Event) []any {
		return []any{&e.Slug, &e.NameEN, strCol{&e.NameFR}, strCol{&e.NameAR}, &e.City, strCol{&e.CityFR}, strCol{&e.CityAR}, &e.Country, &e.Timezone, &e.FirstDay, &e.LastDay,
			idCol{&e.HostPartnerID}, &e.DelegationsExpected, strCol{&e.Notes}, &e.NotesRestricted}
	},
}

// CreateEvent creates an event.
func (db *DB) CreateEvent(ctx context.Context, a bilat.Actor, e *bilat.Event) error {
	return db.inTx(ctx, a, func(tx *Tx) error { return createEvent(ctx, tx, "create", e) })
}

func createEvent(ctx context.Context, tx *Tx, action string, e *bilat.Event) error {
	if err := merge(e.Validate(), checkEvent(ctx, tx.conn, e)); err != nil {
		return err
	}
	return events.insert(ctx, tx, action, e)
}

func checkEvent(ctx context.Context, c conn, e *bilat.Event) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("host_partner_id", "partners", "partner", e.HostPartnerID, 0)
	var n int
	if err := c.queryRow(ctx, "SELECT count(*) FROM events WHERE slug = ? AND id <> ?", e.Slug, e.ID).Scan(&n); err != nil {
		return err
	}
	r.v.Check(n == 0, "slug", "another event already has the slug %q", e.Slug)
	return r.done("event")
}

// Event returns the event with id.
func (db *DB) Event(ctx context.Context, id int64) (*bilat.Event, error) {
	return events.get(ctx, db.reader(), id)
}

// EventBySlug returns the event with slug.
func (db *DB) EventBySlug(ctx context.Context, slug string) (*bilat.Event, error) {
	xs, err := events.query(ctx, db.reader(), events.selectSQL()+" WHERE slug = ?", slug)
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		return nil, bilat.Errorf(bilat.ENOTFOUND, "event %q not found", slug)
	}
	return xs[0], nil
}

// FindEvent returns the event named by an id or a slug.
func (db *DB) FindEvent(ctx context.Context, ref string) (*bilat.Event, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return db.Event(ctx, id)
	}
	return db.EventBySlug(ctx, ref)
}

// ListEvents lists events, latest first.
func (db *DB) ListEvents(ctx context.Context, f bilat.EventFilter) ([]*bilat.Event, int, error) {
	var w where
	if f.Query != "" {
		like := contains(f.Query)
		w.add("(lower(name_en) LIKE ?"+likeEscape+" OR lower(slug) LIKE ?"+likeEscape+" OR lower(city) LIKE ?"+likeEscape+")", like, like, like)
	}
	return events.list(ctx, db.reader(), w, "first_day DESC, id", f.Page)
}

// UpdateEvent changes an event.
func (db *DB) UpdateEvent(ctx context.Context, a bilat.Actor, e *bilat.Event) error {
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := merge(e.Validate(), checkEvent(ctx, tx.conn, e)); err != nil {
			return err
		}
		return events.update(ctx, tx, "update", e)
	})
}

// eventPart lists the records of one event.
func eventPart[T any](ctx context.Context, db *DB, t *table[T], f bilat.EventPart, order string) ([]*T, int, error) {
	var w where
	if f.EventID != 0 {
		w.add(t.name+".event_id = ?", f.EventID)
	}
	return t.list(ctx, db.reader(), w, order, f.Page)
}
