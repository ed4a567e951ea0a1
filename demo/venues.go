package demo

import (
	"context"

	"bilat"
)

// The site is invented: the press described no building or room.
var venuePlan = []string{"Conference centre", "Delegation hotel"}

// travelMinutes is the invented time between any two venues.
const travelMinutes = 18

// roomPlan lists the invented rooms; bilaterals marks the rooms of the
// conference centre in which the Director General's meetings are placed.
var roomPlan = []struct {
	venue      int
	name       string
	capacity   int
	features   []string
	bilaterals bool
}{
	{0, "Bilateral room 1", 12, []string{"interpretation", "secure"}, true},
	{0, "Bilateral room 2", 12, []string{"interpretation", "secure"}, true},
	{0, "Bilateral room 3", 8, []string{"interpretation"}, true},
	{0, "Salon d'honneur", 24, []string{"interpretation", "secure", "press"}, true},
	{1, "Hotel meeting suite", 10, []string{"secure"}, false},
}

// createVenues creates the venues, with travel times both ways, and rooms.
func (b *builder) createVenues(ctx context.Context) error {
	venues := make([]*bilat.Venue, len(venuePlan))
	for i, name := range venuePlan {
		venues[i] = &bilat.Venue{EventID: b.event.ID, Name: name, Address: b.event.City, Travel: []bilat.TravelTime{}, Illustrative: true}
		if err := b.desk.CreateVenue(ctx, b.actor, venues[i]); err != nil {
			return err
		}
	}
	for _, v := range venues {
		v.Travel = travelFrom(v, venues)
		if err := b.desk.UpdateVenue(ctx, b.actor, v); err != nil {
			return err
		}
	}
	b.venue = venues[0]
	return b.createRooms(ctx, venues)
}

// travelFrom returns the travel times from v to every other venue.
func travelFrom(v *bilat.Venue, venues []*bilat.Venue) []bilat.TravelTime {
	out := []bilat.TravelTime{}
	for _, w := range venues {
		if w.ID != v.ID {
			out = append(out, bilat.TravelTime{VenueID: w.ID, Minutes: travelMinutes})
		}
	}
	return out
}

// createRooms creates the rooms of roomPlan and keeps those for bilaterals.
func (b *builder) createRooms(ctx context.Context, venues []*bilat.Venue) error {
	for _, p := range roomPlan {
		r := &bilat.Room{
			EventID: b.event.ID, VenueID: venues[p.venue].ID, Name: p.name,
			Capacity: p.capacity, Features: p.features, Illustrative: true,
		}
		if err := b.desk.CreateRoom(ctx, b.actor, r); err != nil {
			return err
		}
		if p.bilaterals {
			b.rooms = append(b.rooms, r)
		}
	}
	return nil
}
