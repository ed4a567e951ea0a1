package server

import (
	"context"
	"slices"
	"strings"
	"time"

	"bilat"
	"bilat/i18n"
	"bilat/ical"
)

// Calendar feeds: the meetings a feed follows, drawn as iCalendar by the
// ical package. Whose meetings a feed holds is decided again at every
// fetch from the feed and its owner's account as they are now, so that
// a liaison moved to another delegation, a demoted desk officer or a
// disabled account stops seeing what they no longer may.

// feedScope is what one feed shows.
type feedScope struct {
	event *bilat.Event
	zone  *time.Location
	// filters select the meetings; a principal who is several principals
	// of the event (rare) has one filter each.
	filters []bilat.MeetingFilter
	// people whose programme sessions are shown as busy time.
	people []int64
	// briefings are shown only in feeds of staff, and never in a
	// delegation's feed: a feed's URL is easily handed on.
	briefings bool
	subject   string // what the calendar is named after
}

// unknownFeed is the answer for a secret that opens nothing, whatever the
// reason: unknown, revoked, or its owner no longer allowed.
func unknownFeed() error { return bilat.Errorf(bilat.ENOTFOUND, "no such calendar") }

// feedScopeOf resolves what a feed shows now; the language names the
// subject.
func (s *Server) feedScopeOf(ctx context.Context, f *bilat.Feed, lang string) (*feedScope, error) {
	var owner *bilat.User
	if f.UserID != 0 {
		u, err := s.desk.User(ctx, f.UserID)
		if bilat.ErrorCode(err) == bilat.ENOTFOUND || (err == nil && u.Disabled) {
			return nil, unknownFeed()
		} else if err != nil {
			return nil, err
		}
		owner = u
	}
	e, err := s.desk.Event(ctx, f.EventID)
	if err != nil {
		return nil, err
	}
	zone, err := e.Location()
	if err != nil {
		return nil, err
	}
	sc := &feedScope{event: e, zone: zone, briefings: owner == nil || owner.Role.Staff()}
	if f.Kind == bilat.FeedUser {
		err = s.feedUserScope(ctx, sc, owner, lang)
	} else {
		err = s.feedSubjectScope(ctx, sc, f.Kind, f.SubjectID, lang)
	}
	if err != nil {
		return nil, err
	}
	return sc, nil
}

// feedSubjectScope is the scope of a principal's, a room's or a
// delegation's feed.
func (s *Server) feedSubjectScope(ctx context.Context, sc *feedScope, kind bilat.FeedKind, id int64, lang string) error {
	filter := bilat.MeetingFilter{EventID: sc.event.ID}
	switch kind {
	case bilat.FeedPrincipal:
		p, err := s.desk.Principal(ctx, id)
		if err != nil {
			return err
		}
		person, err := s.desk.Person(ctx, p.PersonID)
		if err != nil {
			return err
		}
		filter.PrincipalID, sc.people, sc.subject = id, []int64{p.PersonID}, person.Name
	case bilat.FeedRoom:
		room, err := s.desk.Room(ctx, id)
		if err != nil {
			return err
		}
		filter.RoomID, sc.subject = id, room.Name
	case bilat.FeedDelegation:
		d, err := s.desk.Delegation(ctx, id)
		if err != nil {
			return err
		}
		partner, err := s.desk.Partner(ctx, d.PartnerID)
		if err != nil {
			return err
		}
		filter.DelegationID, sc.subject, sc.briefings = id, inLanguage(lang, partner.NameEN, partner.NameFR, partner.NameAR), false
	}
	sc.filters = []bilat.MeetingFilter{filter}
	return nil
}

// feedUserScope follows a user's account: a principal's own meetings, a
// liaison's delegation, every meeting of the event for staff.
func (s *Server) feedUserScope(ctx context.Context, sc *feedScope, u *bilat.User, lang string) error {
	sc.subject = u.Username
	switch {
	case u.Role.Staff():
		sc.filters = []bilat.MeetingFilter{{EventID: sc.event.ID}}
	case u.Role == bilat.RoleLiaison && u.EventID == sc.event.ID:
		sc.filters = []bilat.MeetingFilter{{EventID: sc.event.ID, DelegationID: u.DelegationID}}
		sc.briefings = false
	case u.Role == bilat.RolePrincipal:
		principals, err := all(ctx, pageOf(bilat.EventPart{EventID: sc.event.ID}, s.desk.ListPrincipals))
		if err != nil {
			return err
		}
		for _, p := range principals {
			if p.PersonID == u.PersonID && u.PersonID != 0 {
				sc.filters = append(sc.filters, bilat.MeetingFilter{EventID: sc.event.ID, PrincipalID: p.ID})
			}
		}
		sc.people = []int64{u.PersonID}
	default:
		// A viewer, or a liaison now bound to another event: nothing to
		// follow here, and no reason to say more.
		return unknownFeed()
	}
	return nil
}

// feedNames are the names a calendar's entries show.
type feedNames struct {
	requests    map[int64]*bilat.Request
	principals  map[int64]string
	rooms       map[int64]*bilat.Room
	venues      map[int64]*bilat.Venue
	delegations map[int64]*bilat.Delegation
	partners    map[int64]*bilat.Partner
	topics      map[string]string
}

// loadFeedNames reads the event's requests, principals, rooms, venues and
// delegations once, rather than one query per meeting.
func (s *Server) loadFeedNames(ctx context.Context, e *bilat.Event, lang string) (*feedNames, error) {
	n := &feedNames{principals: map[int64]string{}, partners: map[int64]*bilat.Partner{}}
	part := bilat.EventPart{EventID: e.ID}
	requests, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Request, int, error) {
		return s.desk.ListRequests(ctx, bilat.RequestFilter{EventID: e.ID, Page: p})
	})
	if err != nil {
		return nil, err
	}
	n.requests = feedsByID(requests, func(x *bilat.Request) int64 { return x.ID })
	principals, err := all(ctx, pageOf(part, s.desk.ListPrincipals))
	if err != nil {
		return nil, err
	}
	for _, p := range principals {
		person, err := s.desk.Person(ctx, p.PersonID)
		if err != nil {
			return nil, err
		}
		n.principals[p.ID] = person.Name
	}
	rooms, err := all(ctx, pageOf(part, s.desk.ListRooms))
	if err != nil {
		return nil, err
	}
	venues, err := all(ctx, pageOf(part, s.desk.ListVenues))
	if err != nil {
		return nil, err
	}
	delegations, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Delegation, int, error) {
		return s.desk.ListDelegations(ctx, bilat.DelegationFilter{EventID: e.ID, Page: p})
	})
	if err != nil {
		return nil, err
	}
	n.rooms = feedsByID(rooms, func(x *bilat.Room) int64 { return x.ID })
	n.venues = feedsByID(venues, func(x *bilat.Venue) int64 { return x.ID })
	n.delegations = feedsByID(delegations, func(x *bilat.Delegation) int64 { return x.ID })
	n.topics, err = s.topicNames(ctx, lang)
	return n, err
}

// feedsByID maps records by their id.
func feedsByID[T any](xs []*T, id func(*T) int64) map[int64]*T {
	m := make(map[int64]*T, len(xs))
	for _, x := range xs {
		m[id(x)] = x
	}
	return m
}

// counterpart is the name, in lang, of the delegation that asked for a
// meeting.
func (s *Server) feedCounterpart(ctx context.Context, n *feedNames, r *bilat.Request, lang string) (string, error) {
	d := n.delegations[r.DelegationID]
	if d == nil {
		return "", nil
	}
	p := n.partners[d.PartnerID]
	if p == nil {
		var err error
		if p, err = s.desk.Partner(ctx, d.PartnerID); err != nil {
			return "", err
		}
		n.partners[d.PartnerID] = p
	}
	return inLanguage(lang, p.NameEN, p.NameFR, p.NameAR), nil
}

// feedCalendar draws what a feed shows now, in the locale's language.
func (s *Server) feedCalendar(ctx context.Context, f *bilat.Feed, l *i18n.Locale, now time.Time) (*ical.Calendar, error) {
	sc, err := s.feedScopeOf(ctx, f, l.Lang)
	if err != nil {
		return nil, err
	}
	n, err := s.loadFeedNames(ctx, sc.event, l.Lang)
	if err != nil {
		return nil, err
	}
	first, _ := time.ParseInLocation(bilat.DateLayout, sc.event.FirstDay, sc.zone)
	last, _ := time.ParseInLocation(bilat.DateLayout, sc.event.LastDay, sc.zone)
	cal := &ical.Calendar{Name: eventName(sc.event, l.Lang) + " — " + sc.subject, Zone: sc.zone, From: first, To: last, Stamp: now}
	for _, filter := range sc.filters {
		entries, err := s.feedMeetings(ctx, sc, n, filter, l)
		if err != nil {
			return nil, err
		}
		cal.Entries = append(cal.Entries, entries...)
	}
	sessions, err := s.feedSessions(ctx, sc, n, l)
	if err != nil {
		return nil, err
	}
	cal.Entries = append(cal.Entries, sessions...)
	slices.SortStableFunc(cal.Entries, func(a, b ical.Entry) int { return a.Start.Compare(b.Start) })
	return cal, nil
}

// feedMeetings are the entries of the meetings a filter selects: scheduled,
// held, and also cancelled and missed ones, which a calendar must be told
// about (STATUS:CANCELLED) rather than find gone. A cancelled request
// keeps its meeting; only the request's status changes.
func (s *Server) feedMeetings(ctx context.Context, sc *feedScope, n *feedNames, filter bilat.MeetingFilter, l *i18n.Locale) ([]ical.Entry, error) {
	ms, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Meeting, int, error) {
		filter.Page = p
		return s.desk.ListMeetings(ctx, filter)
	})
	if err != nil {
		return nil, err
	}
	var out []ical.Entry
	for _, m := range ms {
		r := n.requests[m.RequestID]
		if r == nil {
			continue
		}
		counterpart, err := s.feedCounterpart(ctx, n, r, l.Lang)
		if err != nil {
			return nil, err
		}
		out = append(out, ical.Entry{
			UID: ical.MeetingUID(m.ID), Sequence: ical.Sequence(m, r), Modified: ical.Modified(m, r),
			Start: m.Start, End: m.End,
			Summary:     l.T("feeds.ics.summary", "Counterpart", counterpart, "Principal", n.principals[m.PrincipalID]),
			Location:    n.place(m.RoomID),
			Description: n.description(m, r, l, sc.briefings),
			Categories:  []string{l.T("feeds.ics.meeting"), l.T("status." + string(m.Status))},
			Cancelled:   ical.Cancelled(m.Status),
		})
	}
	return out, nil
}

// place is a room and its venue.
func (n *feedNames) place(roomID int64) string {
	room := n.rooms[roomID]
	if room == nil {
		return ""
	}
	if v := n.venues[room.VenueID]; v != nil {
		return room.Name + ", " + v.Name
	}
	return room.Name
}

// description is the meeting's status and topics, and its briefing when
// the feed may show it. Restricted notes are never drawn: the request's
// notes are not part of a calendar at all.
func (n *feedNames) description(m *bilat.Meeting, r *bilat.Request, l *i18n.Locale, briefing bool) string {
	topics := make([]string, len(r.Topics))
	for i, code := range r.Topics {
		topics[i] = n.topics[code]
		if topics[i] == "" {
			topics[i] = code
		}
	}
	lines := []string{l.T("feeds.ics.status", "Status", l.T("status."+string(m.Status)))}
	if len(topics) > 0 {
		lines = append(lines, l.T("feeds.ics.topics", "Topics", strings.Join(topics, ", ")))
	}
	if briefing && strings.TrimSpace(m.Briefing) != "" {
		lines = append(lines, "", l.T("feeds.ics.briefing"), m.Briefing)
	}
	return strings.Join(lines, "\n")
}

// feedSessions are the programme sessions the feed's people attend (a
// session without attendees is for everyone; an engagement always names
// its people), shown as busy time.
func (s *Server) feedSessions(ctx context.Context, sc *feedScope, n *feedNames, l *i18n.Locale) ([]ical.Entry, error) {
	if len(sc.people) == 0 {
		return nil, nil
	}
	sessions, err := all(ctx, pageOf(bilat.EventPart{EventID: sc.event.ID}, s.desk.ListSessions))
	if err != nil {
		return nil, err
	}
	var out []ical.Entry
	for _, x := range sessions {
		if !attends(x, sc.people) {
			continue
		}
		e := ical.Entry{UID: ical.SessionUID(x.ID), Sequence: x.Version, Modified: x.UpdatedAt,
			Start: x.Start, End: x.End, Summary: x.Title, Categories: []string{l.T("feeds.ics.programme")}}
		if v := n.venues[x.VenueID]; v != nil {
			e.Location = v.Name
		}
		out = append(out, e)
	}
	return out, nil
}

// attends reports whether one of people is at a session.
func attends(x *bilat.ProgrammeSession, people []int64) bool {
	if len(x.Attendees) == 0 {
		return x.Kind != bilat.SessionEngagement
	}
	for _, p := range people {
		if p != 0 && slices.Contains(x.Attendees, p) {
			return true
		}
	}
	return false
}
