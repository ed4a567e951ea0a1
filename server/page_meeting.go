package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"bilat"
)

// The meeting page: one bilateral as the desk prepares it (who, where,
// when, topics, the requester's notes, the briefing) and, once held, what
// came of it (outcome and decisions). Its three forms post without
// JavaScript (Post/Redirect/Get); with htmx each swaps only its own part.

// meetingPages is the meeting part of the page table.
func (s *Server) meetingPages() []pageRoute {
	return []pageRoute{
		{"GET", "/meetings/{id}", staff | principal, s.meetingPage},
		{"POST", "/meetings/{id}/briefing", staff, s.meetingBriefing},
		{"POST", "/meetings/{id}/outcome", staff, s.meetingOutcome},
		{"POST", "/meetings/{id}/held", staff, s.meetingHeld},
	}
}

// meetingData is what the meeting page shows.
type meetingData struct {
	Meeting       *bilat.Meeting
	Request       *bilat.Request
	PrincipalName string
	// StandsInFor names the principal a deputy meets the delegation for.
	StandsInFor  string
	Room         *bilat.Room
	Venue        *bilat.Venue
	Partner      *bilat.Partner // the counterpart
	Head         *bilat.Person  // head of the counterpart's delegation
	RequestedBy  *bilat.Person
	Participants []meetingPerson
	Topics       []string // names in the reader's language
	Languages    []string // the languages of the meeting, named in the reader's
	Agreements   []*bilat.Agreement
	Actions      []*bilat.Action
	Briefing     *form
	Outcome      *form
	Held         *form
	// StaleBriefing is the briefing as saved by someone else, shown when
	// a save from an older version was refused.
	StaleBriefing *string
	// Fragment is set when a form's block is answered alone to htmx.
	Fragment bool
	// FollowUp is what the outcome and action forms offer to choose from.
	FollowUp *actionsFollowUp
}

// meetingPerson is a participant with the partner they belong to.
type meetingPerson struct {
	Person  *bilat.Person
	Partner *bilat.Partner
}

// Day is the meeting's day in the event's zone, as the programme's URL wants it.
func (d *meetingData) Day(zone *time.Location) string {
	return d.Meeting.Start.In(zone).Format(bilat.DateLayout)
}

// DateOf reads a stored YYYY-MM-DD date (of an agreement or an action)
// for the locale's date format.
func (d *meetingData) DateOf(date string) time.Time {
	t, _ := bilat.ParseDate(date)
	return t
}

// IsHeld reports whether the outcome may be recorded.
func (d *meetingData) IsHeld() bool { return d.Meeting.Status == bilat.StatusHeld }

// IsScheduled reports whether the meeting may still be marked held.
func (d *meetingData) IsScheduled() bool { return d.Meeting.Status == bilat.StatusScheduled }

// meetingPage shows one meeting.
func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request, v *view) error {
	if u := userOf(r); u.Role == bilat.RolePrincipal {
		return s.meMeetingPage(w, r, v, u)
	}
	d, err := s.loadMeeting(r, v)
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("saved") {
	case "briefing":
		d.Briefing.Saved = true
	case "outcome":
		d.Outcome.Saved = true
	}
	return s.render(w, http.StatusOK, "meeting", v)
}

// loadMeeting reads the meeting of the path and everything its page
// names, and puts the meeting's event in the view. It reads the few
// records it needs one by one rather than the whole event: a meeting
// names one room, one principal, one delegation and a handful of people.
func (s *Server) loadMeeting(r *http.Request, v *view) (*meetingData, error) {
	ctx := r.Context()
	m, err := byID(s.desk.Meeting)(r)
	if err != nil {
		return nil, err
	}
	e, err := s.desk.Event(ctx, m.EventID)
	if err != nil {
		return nil, err
	}
	v.Event, v.Nav = e, "programme"
	if zone, err := e.Location(); err == nil {
		v.Zone = zone
	}
	req, err := s.desk.Request(ctx, m.RequestID)
	if err != nil {
		return nil, err
	}
	d := &meetingData{Meeting: m, Request: req, Briefing: meetingBriefingForm(m), Outcome: meetingOutcomeForm(m),
		Held: newForm(meetingFormValues(map[string]string{"request_version": strconv.Itoa(req.Version)}))}
	loaders := []func(context.Context, *meetingData) error{s.loadMeetingPrincipal, s.loadMeetingPlace,
		s.loadMeetingCounterpart, s.loadMeetingParticipants, s.loadMeetingRecords, s.actionsLoadFollowUp}
	for _, load := range loaders {
		if err := load(ctx, d); err != nil {
			return nil, err
		}
	}
	if d.Topics, err = s.meetingTopicNames(ctx, v.L.Lang, req.Topics); err != nil {
		return nil, err
	}
	d.Languages = meetingLanguageNames(v.L.Lang, req.Languages)
	partner := v.PartnerName(d.Partner)
	v.Title, v.Data = v.L.T("meeting.title", "Name", partner), d
	return d, nil
}

// loadMeetingPrincipal names the principal, and whom a deputy stands in for.
func (s *Server) loadMeetingPrincipal(ctx context.Context, d *meetingData) error {
	p, err := s.desk.Principal(ctx, d.Meeting.PrincipalID)
	if err != nil {
		return err
	}
	if d.PrincipalName, err = s.meetingPrincipalName(ctx, p); err != nil {
		return err
	}
	if p.DeputyOf == 0 {
		return nil
	}
	chief, err := s.desk.Principal(ctx, p.DeputyOf)
	if err != nil {
		return err
	}
	d.StandsInFor, err = s.meetingPrincipalName(ctx, chief)
	return err
}

// meetingPrincipalName is the name of a principal's person.
func (s *Server) meetingPrincipalName(ctx context.Context, p *bilat.Principal) (string, error) {
	person, err := s.desk.Person(ctx, p.PersonID)
	if err != nil {
		return "", err
	}
	return person.Name, nil
}

// loadMeetingPlace reads the room and its venue.
func (s *Server) loadMeetingPlace(ctx context.Context, d *meetingData) error {
	var err error
	if d.Room, err = s.desk.Room(ctx, d.Meeting.RoomID); err != nil {
		return err
	}
	d.Venue, err = s.desk.Venue(ctx, d.Room.VenueID)
	return err
}

// loadMeetingCounterpart reads the requesting delegation's partner, its
// head and who made the request.
func (s *Server) loadMeetingCounterpart(ctx context.Context, d *meetingData) error {
	del, err := s.desk.Delegation(ctx, d.Request.DelegationID)
	if err != nil {
		return err
	}
	if d.Partner, err = s.desk.Partner(ctx, del.PartnerID); err != nil {
		return err
	}
	if del.HeadID != 0 {
		if d.Head, err = s.desk.Person(ctx, del.HeadID); err != nil {
			return err
		}
	}
	if id := d.Request.RequestedByID; id != 0 {
		d.RequestedBy, err = s.desk.Person(ctx, id)
	}
	return err
}

// loadMeetingParticipants reads the participants and their partners.
func (s *Server) loadMeetingParticipants(ctx context.Context, d *meetingData) error {
	partners := map[int64]*bilat.Partner{}
	for _, id := range d.Meeting.Participants {
		p, err := s.desk.Person(ctx, id)
		if err != nil {
			return err
		}
		if partners[p.PartnerID] == nil {
			if partners[p.PartnerID], err = s.desk.Partner(ctx, p.PartnerID); err != nil {
				return err
			}
		}
		d.Participants = append(d.Participants, meetingPerson{Person: p, Partner: partners[p.PartnerID]})
	}
	return nil
}

// loadMeetingRecords reads the agreements signed at the meeting and its
// follow-up actions.
func (s *Server) loadMeetingRecords(ctx context.Context, d *meetingData) error {
	m := d.Meeting
	agreements, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Agreement, int, error) {
		return s.desk.ListAgreements(ctx, bilat.AgreementFilter{EventID: m.EventID, Page: p})
	})
	if err != nil {
		return err
	}
	for _, a := range agreements {
		if a.MeetingID == m.ID {
			d.Agreements = append(d.Agreements, a)
		}
	}
	d.Actions, err = all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Action, int, error) {
		return s.desk.ListActions(ctx, bilat.ActionFilter{MeetingID: m.ID, Page: p})
	})
	return err
}

// meetingTopicNames gives the names of topic codes in lang, in the order given;
// a code missing from the vocabulary shows as itself.
func (s *Server) meetingTopicNames(ctx context.Context, lang string, codes []string) ([]string, error) {
	names, err := s.topicNames(ctx, lang)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c
		if n := names[c]; n != "" {
			out[i] = n
		}
	}
	return out, nil
}

// meetingLanguageNames names language codes in the reader's language
// (CLDR names through x/text), keeping a code it does not know.
func meetingLanguageNames(reader string, codes []string) []string {
	names := display.Languages(language.Make(reader))
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c
		if n := names.Name(language.Make(c)); n != "" {
			out[i] = n
		}
	}
	return out
}

// meetingBriefingForm is the briefing form filled from the meeting.
func meetingBriefingForm(m *bilat.Meeting) *form {
	return newForm(meetingFormValues(map[string]string{"briefing": m.Briefing, "version": strconv.Itoa(m.Version)}))
}

// meetingOutcomeForm is the outcome form filled from the meeting.
func meetingOutcomeForm(m *bilat.Meeting) *form {
	f := newForm(meetingFormValues(map[string]string{"outcome": m.Outcome, "decisions": strings.Join(m.Decisions, "\n"),
		"outcome_kind": string(m.OutcomeKind), "version": strconv.Itoa(m.Version)}))
	f.Values["topics_discussed"] = m.TopicsDiscussed
	return f
}

// meetingFormValues makes form values from single values.
func meetingFormValues(kv map[string]string) map[string][]string {
	out := make(map[string][]string, len(kv))
	for k, v := range kv {
		out[k] = []string{v}
	}
	return out
}
