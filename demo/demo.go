package demo

import (
	"context"
	"fmt"
	"time"

	"bilat"
)

// illustrative starts the notes of records that are partly invented.
const illustrative = "Illustrative: "

// builder carries what the steps of Build create and later steps use.
type builder struct {
	desk  bilat.Desk
	actor bilat.Actor
	src   *report
	loc   *time.Location
	first time.Time // the first day of the event
	ndays int

	event     *bilat.Event
	host      *bilat.Partner
	dg        *bilat.Person     // the host's Director General
	principal *bilat.Principal  // the Director General as a principal
	topics    map[string]string // reported topic name → topic code
	venue     *bilat.Venue      // where the programme and the bilaterals are
	rooms     []*bilat.Room     // the rooms for the bilaterals
	sessions  []*bilat.ProgrammeSession
	parties   []*counterpart
}

// counterpart is one partner the Director General was reported to meet,
// with what the demo records for it.
type counterpart struct {
	partner    *bilat.Partner
	head       *bilat.Person
	delegation *bilat.Delegation
	request    *bilat.Request
	meeting    *bilat.Meeting
	topics     []string // topic codes named by the scope of its agreement
	title      string   // the role of its head when the press gave it
	priority   int
	held       bool // whether its meeting ends held
}

// Build creates the Marrakech demo event through desk and returns it. It
// fails with a conflict when an event with the demo's slug exists already.
// The result is the same on every run against a fresh database.
func Build(ctx context.Context, desk bilat.Desk, a bilat.Actor) (*bilat.Event, error) {
	src, err := loadReport()
	if err != nil {
		return nil, err
	}
	b := &builder{desk: desk, actor: a, src: src}
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"checking the slug", b.checkAbsent},
		{"loading topics", b.loadTopics},
		{"creating the host", b.createHost},
		{"creating the event", b.createEvent},
		{"creating the host delegation", b.createHostDelegation},
		{"creating venues and rooms", b.createVenues},
		{"creating the programme", b.createProgramme},
		{"creating counterparts", b.createCounterparts},
		{"creating further delegations", b.createAttendance},
		{"creating the press region scheme", b.createScheme},
		{"holding meetings", b.holdMeetings},
		{"creating agreements", b.createAgreements},
	}
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return nil, fmt.Errorf("demo: %s: %w", s.name, err)
		}
	}
	return b.event, nil
}

// checkAbsent refuses to build over an existing demo event.
func (b *builder) checkAbsent(ctx context.Context) error {
	_, err := b.desk.EventBySlug(ctx, Slug)
	switch bilat.ErrorCode(err) {
	case bilat.ENOTFOUND:
		return nil
	case "":
		return bilat.Errorf(bilat.ECONFLICT, "event %q exists already", Slug)
	}
	return err
}

// loadTopics maps each reported topic to the code of the vocabulary entry
// of the same English name.
func (b *builder) loadTopics(ctx context.Context) error {
	list, err := b.desk.ListTopics(ctx)
	if err != nil {
		return err
	}
	byName := map[string]string{}
	for _, t := range list {
		byName[t.NameEN] = t.Code
	}
	if len(b.src.Topics) == 0 {
		return bilat.Errorf(bilat.EINVALID, "the press summary lists no topic")
	}
	b.topics = map[string]string{}
	for _, name := range b.src.Topics {
		code, ok := byName[name]
		if !ok {
			return bilat.Errorf(bilat.ENOTFOUND, "no topic is named %q", name)
		}
		b.topics[name] = code
	}
	return nil
}

// createEvent creates the event from the reported facts.
func (b *builder) createEvent(ctx context.Context) error {
	r := b.src.Event
	e := &bilat.Event{
		Slug: Slug, NameEN: r.NameEN, NameFR: r.NameFR, NameAR: eventNameAR,
		City: r.City, CityAR: eventCityAR, Country: r.Country, Timezone: r.Timezone,
		FirstDay: r.FirstDay, LastDay: r.LastDay,
		HostPartnerID:       b.host.ID,
		DelegationsExpected: r.Attendance,
		Notes:               "Demonstration built from press reports; records flagged illustrative were invented.",
	}
	if err := b.desk.CreateEvent(ctx, b.actor, e); err != nil {
		return err
	}
	// The event is valid now, so its zone and days parse.
	b.event = e
	b.loc, _ = e.Location()
	b.first, _ = bilat.ParseDate(e.FirstDay)
	last, _ := bilat.ParseDate(e.LastDay)
	b.ndays = int(last.Sub(b.first).Hours()/24) + 1
	return nil
}

// day returns the local midnight that starts day i (from 0) of the event.
func (b *builder) day(i int) time.Time {
	return time.Date(b.first.Year(), b.first.Month(), b.first.Day()+i, 0, 0, 0, 0, b.loc)
}
