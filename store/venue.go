package store

import (
	"context"

	"bilat"
)

var venues = &table[bilat.Venue]{
	entity: "venue",
	name:   "venues",
	cols:   []string{"event_id", "name", "address", "illustrative"},
	record: func(x *bilat.Venue) *bilat.Record { return &x.Record },
	values: func(x *bilat.Venue) []any { return []any{x.EventID, x.Name, nullStr(x.Address), x.Illustrative} },
	dests:  func(x *bilat.Venue) []any { return []any{&x.EventID, &x.Name, strCol{&x.Address}, &x.Illustrative} },
	load:   loadTravel,
	save:   saveTravel,
}

func loadTravel(ctx context.Context, c conn, xs []*bilat.Venue) error {
	q := "SELECT venue_id, to_venue_id, minutes FROM venue_travel WHERE venue_id IN (" + placeholders(len(xs)) + ") ORDER BY venue_id, position"
	rows, err := c.query(ctx, q, anys(idsOf(func(x *bilat.Venue) *bilat.Record { return &x.Record }, xs))...)
	if err != nil {
		return err
	}
	defer rows.Close()
	byID := map[int64][]bilat.TravelTime{}
	for rows.Next() {
		var id int64
		var t bilat.TravelTime
		if err := rows.Scan(&id, &t.VenueID, &t.Minutes); err != nil {
			return err
		}
		byID[id] = append(byID[id], t)
	}
	for _, x := range xs {
		x.Travel = list(byID[x.ID])
	}
	return rows.Err()
}

func saveTravel(ctx context.Context, tx *Tx, x *bilat.Venue) error {
	if _, err := tx.exec(ctx, "DELETE FROM venue_travel WHERE venue_id = ?", x.ID); err != nil {
		return err
	}
	for i, t := range x.Travel {
		if _, err := tx.exec(ctx, "INSERT INTO venue_travel (venue_id, to_venue_id, minutes, position) VALUES (?, ?, ?, ?)", x.ID, t.VenueID, t.Minutes, i); err != nil {
			return err
		}
	}
	return nil
}

func checkVenue(ctx context.Context, c conn, x *bilat.Venue) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("event_id", "events", "event", x.EventID, 0)
	for i, t := range x.Travel {
		r.need(indexed("travel", i, "venue_id"), "venues", "venue", t.VenueID, x.EventID)
	}
	return r.done("venue")
}

// CreateVenue creates a venue of an event.
func (db *DB) CreateVenue(ctx context.Context, a bilat.Actor, x *bilat.Venue) error {
	x.Travel = list(x.Travel)
	return create(ctx, db, a, venues, x, x.Validate, checkVenue)
}

// Venue returns the venue with id.
func (db *DB) Venue(ctx context.Context, id int64) (*bilat.Venue, error) {
	return venues.get(ctx, db.reader(), id)
}

// ListVenues lists an event's venues.
func (db *DB) ListVenues(ctx context.Context, f bilat.EventPart) ([]*bilat.Venue, int, error) {
	return eventPart(ctx, db, venues, f, "")
}

// UpdateVenue changes a venue; it cannot move to another event.
func (db *DB) UpdateVenue(ctx context.Context, a bilat.Actor, x *bilat.Venue) error {
	x.Travel = list(x.Travel)
	return updatePart(ctx, db, a, venues, x, x.EventID, x.Validate, checkVenue)
}

// sameEvent refuses to move a record of an event to another event.
func sameEvent(ctx context.Context, c conn, tbl, what string, id, eventID int64) error {
	var cur int64
	if err := c.queryRow(ctx, "SELECT event_id FROM "+tbl+" WHERE id = ?", id).Scan(&cur); err != nil {
		return bilat.Errorf(bilat.ENOTFOUND, "%s %d not found", what, id)
	}
	if cur != eventID {
		return &bilat.Error{Code: bilat.EINVALID, Message: "invalid " + what, Problems: []bilat.Problem{{Field: "event_id", Message: "cannot change"}}}
	}
	return nil
}
