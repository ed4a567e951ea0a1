package demo

import (
	"context"
	"time"

	"bilat"
)

// programme is the invented plenary programme: one line per session, by
// day of the event (from 0) and local start and end times.
var programme = []struct {
	day        int
	kind       bilat.SessionKind
	title      string
	start, end time.Duration
}{
	{0, bilat.SessionCeremony, "Opening ceremony", hm(10, 0), hm(11, 30)},
	{0, bilat.SessionPlenary, "Plenary session, afternoon", hm(15, 0), hm(16, 30)},
	{1, bilat.SessionPlenary, "Plenary session, morning", hm(9, 30), hm(11, 0)},
	{1, bilat.SessionPlenary, "Plenary session, afternoon", hm(15, 0), hm(16, 30)},
	{2, bilat.SessionPlenary, "Plenary session, morning", hm(9, 30), hm(11, 0)},
	{2, bilat.SessionPlenary, "Plenary session, afternoon", hm(15, 0), hm(16, 30)},
	{3, bilat.SessionPlenary, "Plenary session, morning", hm(9, 30), hm(11, 0)},
	{3, bilat.SessionCeremony, "Closing ceremony", hm(15, 0), hm(16, 30)},
}

// hm returns the time of day h:m as a duration since midnight.
func hm(h, m int) time.Duration {
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
}

// createProgramme creates the programme sessions, attended by the Director
// General, at the conference centre.
func (b *builder) createProgramme(ctx context.Context) error {
	for _, p := range programme {
		day := b.day(p.day)
		s := &bilat.ProgrammeSession{
			EventID: b.event.ID, Kind: p.kind, Title: p.title,
			Start: day.Add(p.start), End: day.Add(p.end),
			VenueID: b.venue.ID, Attendees: []int64{b.dg.ID}, Illustrative: true,
		}
		if err := b.desk.CreateSession(ctx, b.actor, s); err != nil {
			return err
		}
		b.sessions = append(b.sessions, s)
	}
	return nil
}
