package store

import (
	"context"

	"bilat"
)

var rooms = &table[bilat.Room]{
	entity: "room",
	name:   "rooms",
	cols:   []string{"event_id", "venue_id", "name", "capacity", "features", "illustrative"},
	record: func(x *bilat.Room) *bilat.Record { return &x.Record },
	values: func(x *bilat.Room) []any {
		return []any{x.EventID, x.VenueID, x.Name, x.Capacity, jsonCol{list(x.Features)}, x.Illustrative}
	},
	dests: func(x *bilat.Room) []any {
		return []any{&x.EventID, &x.VenueID, &x.Name, &x.Capacity, jsonCol{&x.Features}, &x.Illustrative}
	},
}

func checkRoom(ctx context.Context, c conn, x *bilat.Room) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("event_id", "events", "event", x.EventID, 0)
	r.need("venue_id", "venues", "venue", x.VenueID, x.EventID)
	return r.done("room")
}

// CreateRoom creates a room in a venue of the event.
func (db *DB) CreateRoom(ctx context.Context, a bilat.Actor, x *bilat.Room) error {
	x.Features = list(x.Features)
	return create(ctx, db, a, rooms, x, x.Validate, checkRoom)
}

// Room returns the room with id.
func (db *DB) Room(ctx context.Context, id int64) (*bilat.Room, error) {
	return rooms.get(ctx, db.reader(), id)
}

// ListRooms lists an event's rooms.
func (db *DB) ListRooms(ctx context.Context, f bilat.EventPart) ([]*bilat.Room, int, error) {
	return eventPart(ctx, db, rooms, f, "")
}

// UpdateRoom changes a room.
func (db *DB) UpdateRoom(ctx context.Context, a bilat.Actor, x *bilat.Room) error {
	x.Features = list(x.Features)
	return updatePart(ctx, db, a, rooms, x, x.EventID, x.Validate, checkRoom)
}
