package server

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"bilat"
)

// A partner's history is composed from the services' lists: the services
// have no filter by partner for requests, meetings or actions, so the
// page goes from the partner's delegations (one per event at most, in
// practice) to their requests, meetings and actions. At the size of an
// assembly that is a few queries per event.

// partnerData is what the partner page shows.
type partnerData struct {
	Partner    *bilat.Partner
	Seat       *bilat.Partner // the seat country of an organisation
	Events     []*partnerEvent
	Topics     []partnerTopic
	Agreements []*partnerAgreement
	Actions    []*partnerAction
	Requests   int
	Meetings   int
}

// Day reads a YYYY-MM-DD date for the locale's date format; an
// unreadable date (none is stored) shows as the zero day.
func (d *partnerData) Day(date string) time.Time {
	t, _ := bilat.ParseDate(date)
	return t
}

// partnerEvent is the partner's part in one event.
type partnerEvent struct {
	Event       *bilat.Event
	Name        string // in the reader's language
	Delegations []*partnerDelegation
}

// partnerDelegation is one delegation with its requests.
type partnerDelegation struct {
	Delegation *bilat.Delegation
	Head       *bilat.Person
	Rows       []*partnerRow
}

// partnerRow is one request, with its meeting once scheduled.
type partnerRow struct {
	Request   *bilat.Request
	Meeting   *bilat.Meeting // nil until scheduled
	Start     time.Time      // the meeting's start in the event's zone
	End       time.Time
	Principal string
	Topics    []string // names in the reader's language
}

// partnerTopic is a topic and how many of the partner's meetings took it up.
type partnerTopic struct {
	Name  string
	Count int
}

// partnerAgreement is an agreement with the names of the other parties.
type partnerAgreement struct {
	Agreement *bilat.Agreement
	Others    []*bilat.Partner
	Event     string // the event where it was signed, if any
}

// partnerAction is an open follow-up action of one of the partner's meetings.
type partnerAction struct {
	Action  *bilat.Action
	Meeting *bilat.Meeting
	Event   string
}

// partnerHistory reads a partner's delegations, requests, meetings,
// agreements and open actions across every event.
func (s *Server) partnerHistory(ctx context.Context, lang string, p *bilat.Partner) (*partnerData, error) {
	d := &partnerData{Partner: p}
	if p.SeatCountry != "" {
		seat, err := s.desk.PartnerByCode(ctx, p.SeatCountry)
		if err != nil && bilat.ErrorCode(err) != bilat.ENOTFOUND {
			return nil, err
		}
		d.Seat = seat
	}
	topics, err := s.topicNames(ctx, lang)
	if err != nil {
		return nil, err
	}
	events, err := all(ctx, func(ctx context.Context, pg bilat.Page) ([]*bilat.Event, int, error) {
		return s.desk.ListEvents(ctx, bilat.EventFilter{Page: pg})
	})
	if err != nil {
		return nil, err
	}
	counted := map[string]int{}
	for _, e := range events {
		pe, err := s.partnerAtEvent(ctx, lang, topics, e, p)
		if err != nil {
			return nil, err
		}
		if pe == nil {
			continue
		}
		d.Events = append(d.Events, pe)
		if err := s.partnerEventTotals(ctx, d, pe, counted); err != nil {
			return nil, err
		}
	}
	d.Topics = partnerTopicList(counted)
	if d.Agreements, err = s.partnerAgreements(ctx, lang, p, events); err != nil {
		return nil, err
	}
	return d, nil
}

// partnerEventTotals adds one event's requests, meetings, topics and
// open actions to the partner's totals.
func (s *Server) partnerEventTotals(ctx context.Context, d *partnerData, pe *partnerEvent, counted map[string]int) error {
	for _, del := range pe.Delegations {
		for _, row := range del.Rows {
			d.Requests++
			if row.Meeting == nil {
				continue
			}
			d.Meetings++
			for _, t := range row.Topics {
				counted[t]++
			}
			open, err := all(ctx, func(ctx context.Context, pg bilat.Page) ([]*bilat.Action, int, error) {
				return s.desk.ListActions(ctx, bilat.ActionFilter{MeetingID: row.Meeting.ID, Status: bilat.ActionOpen, Page: pg})
			})
			if err != nil {
				return err
			}
			for _, a := range open {
				d.Actions = append(d.Actions, &partnerAction{Action: a, Meeting: row.Meeting, Event: pe.Name})
			}
		}
	}
	return nil
}

// partnerAtEvent reads the partner's delegations at one event with their
// requests and meetings, or nil when it sent none.
func (s *Server) partnerAtEvent(ctx context.Context, lang string, topics map[string]string, e *bilat.Event, p *bilat.Partner) (*partnerEvent, error) {
	dels, err := all(ctx, func(ctx context.Context, pg bilat.Page) ([]*bilat.Delegation, int, error) {
		return s.desk.ListDelegations(ctx, bilat.DelegationFilter{EventID: e.ID, PartnerID: p.ID, Page: pg})
	})
	if err != nil || len(dels) == 0 {
		return nil, err
	}
	zone, err := e.Location()
	if err != nil {
		zone = time.UTC
	}
	principals, err := s.partnerPrincipalNames(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	pe := &partnerEvent{Event: e, Name: eventName(e, lang)}
	for _, del := range dels {
		pd, err := s.partnerDelegationRows(ctx, del, zone, principals, topics)
		if err != nil {
			return nil, err
		}
		pe.Delegations = append(pe.Delegations, pd)
	}
	return pe, nil
}

// partnerDelegationRows reads a delegation's head, requests and meetings.
func (s *Server) partnerDelegationRows(ctx context.Context, del *bilat.Delegation, zone *time.Location, principals map[int64]string, topics map[string]string) (*partnerDelegation, error) {
	pd := &partnerDelegation{Delegation: del}
	if del.HeadID != 0 {
		head, err := s.desk.Person(ctx, del.HeadID)
		if err != nil {
			return nil, err
		}
		pd.Head = head
	}
	requests, err := all(ctx, func(ctx context.Context, pg bilat.Page) ([]*bilat.Request, int, error) {
		return s.desk.ListRequests(ctx, bilat.RequestFilter{EventID: del.EventID, DelegationID: del.ID, Page: pg})
	})
	if err != nil {
		return nil, err
	}
	meetings, err := all(ctx, func(ctx context.Context, pg bilat.Page) ([]*bilat.Meeting, int, error) {
		return s.desk.ListMeetings(ctx, bilat.MeetingFilter{EventID: del.EventID, DelegationID: del.ID, Page: pg})
	})
	if err != nil {
		return nil, err
	}
	byRequest := map[int64]*bilat.Meeting{}
	for _, m := range meetings {
		byRequest[m.RequestID] = m
	}
	for _, req := range requests {
		row := &partnerRow{Request: req, Meeting: byRequest[req.ID]}
		for _, c := range req.Topics {
			row.Topics = append(row.Topics, cmp.Or(topics[c], c))
		}
		if m := row.Meeting; m != nil {
			row.Start, row.End, row.Principal = m.Start.In(zone), m.End.In(zone), principals[m.PrincipalID]
		}
		pd.Rows = append(pd.Rows, row)
	}
	slices.SortStableFunc(pd.Rows, partnerRowOrder)
	return pd, nil
}

// partnerRowOrder puts meetings first in time order, then the requests
// never scheduled.
func partnerRowOrder(a, b *partnerRow) int {
	switch {
	case a.Meeting != nil && b.Meeting != nil:
		return a.Start.Compare(b.Start)
	case a.Meeting != nil:
		return -1
	case b.Meeting != nil:
		return 1
	}
	return 0
}

// partnerPrincipalNames names an event's principals.
func (s *Server) partnerPrincipalNames(ctx context.Context, eventID int64) (map[int64]string, error) {
	principals, err := all(ctx, pageOf(bilat.EventPart{EventID: eventID}, s.desk.ListPrincipals))
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, p := range principals {
		if names[p.ID], err = s.meetingPrincipalName(ctx, p); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// partnerAgreements reads the agreements the partner is a party to.
func (s *Server) partnerAgreements(ctx context.Context, lang string, p *bilat.Partner, events []*bilat.Event) ([]*partnerAgreement, error) {
	list, err := all(ctx, func(ctx context.Context, pg bilat.Page) ([]*bilat.Agreement, int, error) {
		return s.desk.ListAgreements(ctx, bilat.AgreementFilter{PartnerID: p.ID, Page: pg})
	})
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, e := range events {
		names[e.ID] = eventName(e, lang)
	}
	out := make([]*partnerAgreement, 0, len(list))
	for _, a := range list {
		pa := &partnerAgreement{Agreement: a, Event: names[a.EventID]}
		for _, id := range a.Parties {
			if id == p.ID {
				continue
			}
			other, err := s.desk.Partner(ctx, id)
			if err != nil {
				return nil, err
			}
			pa.Others = append(pa.Others, other)
		}
		out = append(out, pa)
	}
	return out, nil
}

// partnerTopicList orders the counted topics, most discussed first.
func partnerTopicList(counted map[string]int) []partnerTopic {
	out := make([]partnerTopic, 0, len(counted))
	for name, n := range counted {
		out = append(out, partnerTopic{Name: name, Count: n})
	}
	slices.SortFunc(out, func(a, b partnerTopic) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}
