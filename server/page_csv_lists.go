package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"bilat"
)

// csvTime is an instant in the event's zone, as a spreadsheet reads it.
func csvTime(v *view, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return v.Local(t).Format("2006-01-02 15:04")
}

// csvRequests is the event's requests with the inbox's filters.
func (s *Server) csvRequests(w http.ResponseWriter, r *http.Request, v *view) error {
	f := inboxFilter(v.Event.ID, r.URL.Query())
	list, err := all(r.Context(), func(ctx context.Context, p bilat.Page) ([]*bilat.Request, int, error) {
		f.Page = p
		return s.desk.ListRequests(ctx, f)
	})
	if err != nil {
		return err
	}
	n, err := s.loadInboxNames(r.Context(), v.Event.ID)
	if err != nil {
		return err
	}
	header := []string{"id", "status", "partner", "partner_code", "principals", "topics", "priority", "duration_min",
		"earliest", "latest", "languages", "interpretation", "notes", "decline_reason", "created"}
	rows := make([][]string, 0, len(list))
	for _, x := range list {
		var targets, topics []string
		for _, t := range x.Targets {
			targets = append(targets, n.principalNames[t.PrincipalID])
		}
		for _, t := range x.Topics {
			topics = append(topics, n.topicName(t, v.L.Lang))
		}
		p := n.partnerOf(x.DelegationID)
		rows = append(rows, []string{csvInt(x.ID), string(x.Status), v.PartnerName(p), csvPartnerCode(p), strings.Join(targets, "; "),
			strings.Join(topics, "; "), strconv.Itoa(x.Priority), strconv.Itoa(x.DurationMin), csvTimePtr(v, x.Earliest),
			csvTimePtr(v, x.Latest), strings.Join(x.Languages, "; "), strconv.FormatBool(x.Interpretation), x.Notes,
			x.DeclineReason, csvTime(v, x.CreatedAt)})
	}
	return csvFile(w, v.Event.Slug+"-requests.csv", header, rows)
}

// csvMeetings is the event's meetings with the API's filters (day,
// principal, room, delegation, status).
func (s *Server) csvMeetings(w http.ResponseWriter, r *http.Request, v *view) error {
	f, err := csvQuery(r, v.Event.ID, meetingFilter)
	if err != nil {
		return err
	}
	ctx := r.Context()
	list, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Meeting, int, error) {
		f.Page = p
		return s.desk.ListMeetings(ctx, f)
	})
	if err != nil {
		return err
	}
	n, err := s.loadInboxNames(ctx, v.Event.ID)
	if err != nil {
		return err
	}
	requests, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Request, int, error) {
		return s.desk.ListRequests(ctx, bilat.RequestFilter{EventID: v.Event.ID, Page: p})
	})
	if err != nil {
		return err
	}
	delegationOf := map[int64]int64{}
	for _, x := range requests {
		delegationOf[x.ID] = x.DelegationID
	}
	rooms, err := all(ctx, pageOf(bilat.EventPart{EventID: v.Event.ID}, s.desk.ListRooms))
	if err != nil {
		return err
	}
	roomName := map[int64]string{}
	for _, x := range rooms {
		roomName[x.ID] = x.Name
	}
	header := []string{"id", "request_id", "status", "start", "end", "principal", "room", "partner", "partner_code", "outcome", "decisions"}
	rows := make([][]string, 0, len(list))
	for _, m := range list {
		p := n.partnerOf(delegationOf[m.RequestID])
		rows = append(rows, []string{csvInt(m.ID), csvInt(m.RequestID), string(m.Status), csvTime(v, m.Start), csvTime(v, m.End),
			n.principalNames[m.PrincipalID], roomName[m.RoomID], v.PartnerName(p), csvPartnerCode(p), m.Outcome,
			strings.Join(m.Decisions, "; ")})
	}
	return csvFile(w, v.Event.Slug+"-meetings.csv", header, rows)
}

// csvActions is the follow-up actions across events, with the actions
// page's filters (owner, partner, event, status, due), so that the page's
// link downloads what the page shows.
func (s *Server) csvActions(w http.ResponseWriter, r *http.Request, v *view) error {
	f, _, err := s.actionsFilter(r.Context(), r.URL.Query(), time.Now())
	if err != nil {
		return err
	}
	list, err := all(r.Context(), func(ctx context.Context, p bilat.Page) ([]*bilat.Action, int, error) {
		f.Page = p
		return s.desk.ListActions(ctx, f)
	})
	if err != nil {
		return err
	}
	header := []string{"id", "meeting_id", "description", "owner_id", "owner_name", "due", "status"}
	rows := make([][]string, 0, len(list))
	for _, x := range list {
		rows = append(rows, []string{csvInt(x.ID), csvInt(x.MeetingID), x.Description, csvID(x.OwnerID), x.OwnerName, x.Due, string(x.Status)})
	}
	return csvFile(w, "actions.csv", header, rows)
}

// csvAgreements is the registry with the API's filters (event, partner,
// status).
func (s *Server) csvAgreements(w http.ResponseWriter, r *http.Request, v *view) error {
	f, err := csvQuery(r, 0, agreementFilter)
	if err != nil {
		return err
	}
	ctx := r.Context()
	list, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Agreement, int, error) {
		f.Page = p
		return s.desk.ListAgreements(ctx, f)
	})
	if err != nil {
		return err
	}
	names := map[int64]string{}
	header := []string{"id", "kind", "title", "status", "parties", "topics", "scope", "signed_on", "in_force_on", "expires_on",
		"next_review_on", "place", "event_id", "meeting_id"}
	rows := make([][]string, 0, len(list))
	for _, x := range list {
		var parties []string
		for _, id := range x.Parties {
			if _, ok := names[id]; !ok {
				p, err := s.desk.Partner(ctx, id)
				if err != nil {
					return err
				}
				names[id] = v.PartnerName(p)
			}
			parties = append(parties, names[id])
		}
		rows = append(rows, []string{csvInt(x.ID), x.Kind, x.Title, string(x.Status), strings.Join(parties, "; "), strings.Join(x.Topics, "; "),
			x.Scope, x.SignedOn, x.InForceOn, x.ExpiresOn, x.NextReviewOn, x.Place, csvID(x.EventID), csvID(x.MeetingID)})
	}
	return csvFile(w, "agreements.csv", header, rows)
}

// csvTimePtr is an optional instant in the event's zone.
func csvTimePtr(v *view, t *time.Time) string {
	if t == nil {
		return ""
	}
	return csvTime(v, *t)
}

// csvID is an optional id: empty when zero.
func csvID(id int64) string {
	if id == 0 {
		return ""
	}
	return csvInt(id)
}

// csvPartnerCode is a partner's code, empty when there is none.
func csvPartnerCode(p *bilat.Partner) string {
	if p == nil {
		return ""
	}
	return p.Code
}

// csvInt is an id as a cell.
func csvInt(id int64) string { return strconv.FormatInt(id, 10) }
