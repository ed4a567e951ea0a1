package report

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"bilat"
)

// DefaultScheme is the scheme a report uses when the event has no scheme
// of its own (see Build).
const DefaultScheme = "un-m49-continents"

// Build reads an event through the desk and counts what its report says.
// schemeSlug chooses the grouping by region; when it is empty, the
// event's own scheme is used: the scheme an administrator made (not
// built in) that places the most of the event's country counterparts,
// provided it places at least half of them (the demo's marrakech-press);
// else DefaultScheme. lang is en, fr or ar (others read as en).
func Build(ctx context.Context, desk bilat.Desk, eventID int64, schemeSlug, lang string) (r *Report, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("report.Build(%d): %w", eventID, err)
		}
	}()
	b := &builder{desk: desk, partners: map[int64]*bilat.Partner{}, people: map[int64]*bilat.Person{}}
	if err := b.load(ctx, eventID); err != nil {
		return nil, err
	}
	r = &Report{Event: b.event, Lang: language3(lang), Zone: b.zone}
	if err := b.count(ctx, r); err != nil {
		return nil, err
	}
	if r.Scheme, err = b.scheme(ctx, schemeSlug); err != nil {
		return nil, err
	}
	b.group(r)
	if err := b.topics(ctx, r); err != nil {
		return nil, err
	}
	b.days(r)
	return r, b.agreements(ctx, r)
}

// language3 returns lang if it is one of the report's languages, else en.
func language3(lang string) string {
	if lang == "fr" || lang == "ar" {
		return lang
	}
	return "en"
}

// builder carries what Build reads and counts.
type builder struct {
	desk     bilat.Desk
	event    *bilat.Event
	zone     *time.Location
	requests map[int64]*bilat.Request
	meetings []*bilat.Meeting
	// delegations maps a delegation id to its partner id.
	delegations map[int64]int64
	partners    map[int64]*bilat.Partner
	people      map[int64]*bilat.Person
	// named are the counterparts in the order they are met; held the
	// number of held meetings with each.
	named []int64
	held  map[int64]int
}

// load reads the event, its requests, meetings and delegations.
func (b *builder) load(ctx context.Context, eventID int64) error {
	var err error
	if b.event, err = b.desk.Event(ctx, eventID); err != nil {
		return err
	}
	if b.zone, err = b.event.Location(); err != nil {
		return err
	}
	requests, err := all(func(p bilat.Page) ([]*bilat.Request, int, error) {
		return b.desk.ListRequests(ctx, bilat.RequestFilter{EventID: eventID, Page: p})
	})
	if err != nil {
		return err
	}
	b.requests = map[int64]*bilat.Request{}
	for _, x := range requests {
		b.requests[x.ID] = x
	}
	if b.meetings, err = all(func(p bilat.Page) ([]*bilat.Meeting, int, error) {
		return b.desk.ListMeetings(ctx, bilat.MeetingFilter{EventID: eventID, Page: p})
	}); err != nil {
		return err
	}
	delegations, err := all(func(p bilat.Page) ([]*bilat.Delegation, int, error) {
		return b.desk.ListDelegations(ctx, bilat.DelegationFilter{EventID: eventID, Page: p})
	})
	b.delegations = map[int64]int64{}
	for _, d := range delegations {
		b.delegations[d.ID] = d.PartnerID
	}
	return err
}

// all reads every page of a list.
func all[T any](list func(bilat.Page) ([]T, int, error)) ([]T, error) {
	var out []T
	for {
		xs, total, err := list(bilat.Page{Offset: len(out), Limit: bilat.MaxLimit})
		if err != nil {
			return nil, err
		}
		out = append(out, xs...)
		if len(xs) == 0 || len(out) >= total {
			return out, nil
		}
	}
}

// partner reads a partner once.
func (b *builder) partner(ctx context.Context, id int64) (*bilat.Partner, error) {
	if p, ok := b.partners[id]; ok {
		return p, nil
	}
	p, err := b.desk.Partner(ctx, id)
	b.partners[id] = p
	return p, err
}

// accepted reports whether a request's status means the host agreed to
// the meeting.
func accepted(s bilat.RequestStatus) bool {
	return s == bilat.StatusAccepted || s == bilat.StatusScheduled || s == bilat.StatusHeld
}

// count fills the figures and finds the counterparts: requesters of
// accepted requests, and the partners of the people in held meetings.
func (b *builder) count(ctx context.Context, r *Report) error {
	b.held = map[int64]int{}
	seen := map[int64]bool{}
	add := func(id int64) {
		if id != 0 && id != b.event.HostPartnerID && !seen[id] {
			seen[id] = true
			b.named = append(b.named, id)
		}
	}
	ids := slices.Sorted(maps.Keys(b.requests))
	for _, id := range ids {
		x := b.requests[id]
		r.Figures.Requests++
		if accepted(x.Status) {
			r.Figures.Accepted++
			add(b.delegations[x.DelegationID])
		}
	}
	for _, m := range b.meetings {
		if m.Status != bilat.StatusHeld {
			continue
		}
		r.Figures.Held++
		parties, err := b.parties(ctx, m)
		if err != nil {
			return err
		}
		if len(parties) > 1 {
			r.Figures.SeveralParties++
		}
		for _, id := range parties {
			add(id)
			b.held[id]++
		}
	}
	return b.tally(ctx, r)
}

// tally counts the counterparts, the countries among them and those met.
func (b *builder) tally(ctx context.Context, r *Report) error {
	r.Figures.Counterparts = len(b.named)
	for _, id := range b.named {
		p, err := b.partner(ctx, id)
		if err != nil {
			return err
		}
		if p.Kind.IsGeographic() {
			r.Figures.Countries++
		}
		switch n := b.held[id]; {
		case n > 1:
			r.Figures.SeveralMeetings++
			fallthrough
		case n == 1:
			r.Figures.Met++
		}
	}
	r.Figures.NotHeld = r.Figures.Counterparts - r.Figures.Met
	if b.event.HostPartnerID != 0 {
		host, err := b.partner(ctx, b.event.HostPartnerID)
		if err != nil {
			return err
		}
		r.Host = nameOf(host, false)
	}
	return nil
}

// parties returns the counterparts of a held meeting: the requesting
// delegation's partner, then the partners of its other participants,
// the host left out.
func (b *builder) parties(ctx context.Context, m *bilat.Meeting) ([]int64, error) {
	var out []int64
	if x, ok := b.requests[m.RequestID]; ok {
		out = append(out, b.delegations[x.DelegationID])
	}
	for _, id := range m.Participants {
		p, ok := b.people[id]
		if !ok {
			var err error
			if p, err = b.desk.Person(ctx, id); err != nil {
				return nil, err
			}
			b.people[id] = p
		}
		if p.PartnerID != b.event.HostPartnerID && !slices.Contains(out, p.PartnerID) {
			out = append(out, p.PartnerID)
		}
	}
	return out, nil
}

// nameOf is a partner's names, and whether a held meeting is recorded with it.
func nameOf(p *bilat.Partner, held bool) Name {
	return Name{Code: p.Code, EN: p.NameEN, FR: p.NameFR, AR: p.NameAR, Country: p.Kind.IsGeographic(), Held: held}
}

// scheme reads the chosen scheme, or picks the event's own (see Build).
func (b *builder) scheme(ctx context.Context, slug string) (*bilat.RegionScheme, error) {
	if slug != "" {
		return b.desk.Scheme(ctx, slug)
	}
	schemes, err := b.desk.ListSchemes(ctx)
	if err != nil {
		return nil, err
	}
	var countries []string
	for _, id := range b.named {
		if p := b.partners[id]; p.Kind.IsGeographic() {
			countries = append(countries, p.Code)
		}
	}
	var best *bilat.RegionScheme
	bestN := 0
	for _, s := range schemes {
		n := 0
		for _, c := range countries {
			if _, ok := s.Members[c]; ok {
				n++
			}
		}
		if !s.BuiltIn && n > bestN && 2*n >= len(countries) {
			best, bestN = s, n
		}
	}
	if best != nil {
		return best, nil
	}
	return b.desk.Scheme(ctx, DefaultScheme)
}

// group sorts the counterparts into the scheme's regions and the
// organisations, each list in the order of the report's language.
func (b *builder) group(r *Report) {
	groups := map[string]*Group{}
	for _, id := range b.named {
		p := b.partners[id]
		n := nameOf(p, b.held[id] > 0)
		if !p.Kind.IsGeographic() {
			r.Organisations = append(r.Organisations, n)
			continue
		}
		r.Met = append(r.Met, p.Code)
		region, _ := r.Scheme.RegionOf(p.Code)
		g, ok := groups[region.Code]
		if !ok {
			g = &Group{Code: region.Code, EN: region.NameEN, FR: region.NameFR, AR: region.NameAR}
			groups[region.Code] = g
		}
		g.Members = append(g.Members, n)
	}
	for _, region := range append(r.Scheme.Regions, bilat.SchemeRegion{Code: OtherRegion}) {
		if g, ok := groups[region.Code]; ok {
			sortNames(g.Members, r.Lang)
			r.ByRegion = append(r.ByRegion, *g)
		}
	}
	sortNames(r.Organisations, r.Lang)
	slices.Sort(r.Met)
}

// sortNames orders names as the language sorts them (É with E in French).
func sortNames(names []Name, lang string) {
	c := collate.New(language.Make(lang))
	slices.SortStableFunc(names, func(a, b Name) int { return c.CompareString(a.In(lang), b.In(lang)) })
}

// topics counts held meetings per topic of their request, most first.
func (b *builder) topics(ctx context.Context, r *Report) error {
	vocabulary, err := b.desk.ListTopics(ctx)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, m := range b.meetings {
		if x, ok := b.requests[m.RequestID]; ok && m.Status == bilat.StatusHeld {
			for _, code := range x.Topics {
				counts[code]++
			}
		}
	}
	for _, t := range vocabulary {
		if n := counts[t.Code]; n > 0 {
			r.ByTopic = append(r.ByTopic, Count{Code: t.Code, EN: t.NameEN, FR: t.NameFR, AR: t.NameAR, N: n})
		}
	}
	slices.SortStableFunc(r.ByTopic, func(a, b Count) int { return cmp.Compare(b.N, a.N) })
	return nil
}

// days counts held meetings per day of the event, in its time zone; a
// meeting held outside the event's days adds its own day.
func (b *builder) days(r *Report) {
	counts := map[time.Time]int{}
	for _, m := range b.meetings {
		if m.Status == bilat.StatusHeld {
			t := m.Start.In(b.zone)
			counts[time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, b.zone)]++
		}
	}
	first, err1 := bilat.ParseDate(b.event.FirstDay)
	last, err2 := bilat.ParseDate(b.event.LastDay)
	if err1 == nil && err2 == nil {
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, b.zone)
			counts[day] += 0
		}
	}
	for _, day := range slices.SortedFunc(maps.Keys(counts), time.Time.Compare) {
		r.ByDay = append(r.ByDay, Day{Date: day, Held: counts[day]})
	}
}

// agreements lists the agreements of the event that were signed (signed,
// in force or expired since), with their parties other than the host.
func (b *builder) agreements(ctx context.Context, r *Report) error {
	xs, err := all(func(p bilat.Page) ([]*bilat.Agreement, int, error) {
		return b.desk.ListAgreements(ctx, bilat.AgreementFilter{EventID: b.event.ID, Page: p})
	})
	if err != nil {
		return err
	}
	for _, x := range xs {
		if x.SignedOn == "" || x.Status == bilat.AgreementDraft || x.Status == bilat.AgreementNegotiating {
			continue
		}
		a := Agreement{Kind: x.Kind, Title: x.Title, Scope: x.Scope, SignedOn: x.SignedOn, MeetingID: x.MeetingID, TopicCodes: x.Topics}
		for _, id := range x.Parties {
			if id == b.event.HostPartnerID {
				continue
			}
			p, err := b.partner(ctx, id)
			if err != nil {
				return err
			}
			a.Parties = append(a.Parties, nameOf(p, b.held[id] > 0))
		}
		r.Agreements = append(r.Agreements, a)
	}
	slices.SortStableFunc(r.Agreements, func(a, b Agreement) int { return cmp.Compare(a.SignedOn, b.SignedOn) })
	return nil
}
