package server

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"bilat"
)

// An agreement's page: its details, the meeting it was signed at, its
// documents, the move to its next status and its history from the audit
// trail (the agreement's own entries and those of its documents).

// agreementsDetailData is what an agreement's page shows.
type agreementsDetailData struct {
	Agreement *bilat.Agreement
	Parties   []*bilat.Partner
	Topics    []string // names in the reader's language
	Event     *bilat.Event
	EventName string
	Meeting   *agreementsMeeting // nil when not linked to a meeting
	Documents []*bilat.Document
	History   []*bilat.AuditEntry
	Moves     []bilat.AgreementStatus // the statuses it may move to
	Move      *form
	Upload    *form
	Alerts    []bilat.AgreementAlert
	MaxMB     int
}

// agreementsMeeting is the meeting an agreement was signed at, with its
// counterpart.
type agreementsMeeting struct {
	Meeting *bilat.Meeting
	With    *bilat.Partner
	Start   time.Time // in the event's zone
}

// Day reads a stored YYYY-MM-DD date for the locale's date format.
func (agreementsDetailData) Day(date string) time.Time { return agreementsDay(date) }

// KB is a size in kilobytes, rounded up, for the documents' list.
func (agreementsDetailData) KB(size int64) int { return int((size + 1023) / 1024) }

// agreementsDetail shows one agreement.
func (s *Server) agreementsDetail(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := byID(s.desk.Agreement)(r)
	if err != nil {
		return err
	}
	d, err := s.agreementsLoad(r.Context(), v, x)
	if err != nil {
		return err
	}
	return s.agreementsShow(w, v, http.StatusOK, d)
}

// agreementsShow draws an agreement's page.
func (s *Server) agreementsShow(w http.ResponseWriter, v *view, status int, d *agreementsDetailData) error {
	v.Title, v.Nav, v.Data = d.Agreement.Title, "agreements", d
	return s.render(w, status, "agreements-detail", v)
}

// agreementsLoad reads what an agreement's page shows besides the record.
func (s *Server) agreementsLoad(ctx context.Context, v *view, x *bilat.Agreement) (*agreementsDetailData, error) {
	d := &agreementsDetailData{Agreement: x, Move: newForm(nil), Upload: newForm(nil), MaxMB: agreementsUploadLimit >> 20,
		Alerts: bilat.AgreementAlerts([]*bilat.Agreement{x}, time.Now())}
	for _, st := range bilat.AgreementStatuses {
		if x.Status.CanMoveTo(st) {
			d.Moves = append(d.Moves, st)
		}
	}
	for _, id := range x.Parties {
		p, err := s.desk.Partner(ctx, id)
		if err != nil {
			return nil, err
		}
		d.Parties = append(d.Parties, p)
	}
	names, err := s.topicNames(ctx, v.L.Lang)
	if err != nil {
		return nil, err
	}
	for _, c := range x.Topics {
		d.Topics = append(d.Topics, cmp.Or(names[c], c))
	}
	if x.EventID != 0 {
		if d.Event, err = s.desk.Event(ctx, x.EventID); err != nil {
			return nil, err
		}
		d.EventName = eventName(d.Event, v.L.Lang)
	}
	if x.MeetingID != 0 {
		if d.Meeting, err = s.agreementsMeetingOf(ctx, x.MeetingID); err != nil {
			return nil, err
		}
	}
	if d.Documents, err = s.desk.Documents(ctx, x.ID); err != nil {
		return nil, err
	}
	d.History, err = s.agreementsHistory(ctx, x.ID)
	return d, err
}

// agreementsMeetingOf reads a meeting with its counterpart.
func (s *Server) agreementsMeetingOf(ctx context.Context, id int64) (*agreementsMeeting, error) {
	m, err := s.desk.Meeting(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &agreementsMeeting{Meeting: m, Start: m.Start}
	if e, err := s.desk.Event(ctx, m.EventID); err == nil {
		if zone, err := e.Location(); err == nil {
			out.Start = m.Start.In(zone)
		}
	}
	req, err := s.desk.Request(ctx, m.RequestID)
	if err != nil {
		return nil, err
	}
	del, err := s.desk.Delegation(ctx, req.DelegationID)
	if err != nil {
		return nil, err
	}
	out.With, err = s.desk.Partner(ctx, del.PartnerID)
	return out, err
}

// agreementsHistory is the audit trail of an agreement and of its
// documents, including those deleted since, oldest first. Document
// entries name their agreement only inside their before or after state.
func (s *Server) agreementsHistory(ctx context.Context, id int64) ([]*bilat.AuditEntry, error) {
	own, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.AuditEntry, int, error) {
		return s.desk.ListAudit(ctx, bilat.AuditFilter{Entity: "agreement", EntityID: id, Page: p})
	})
	if err != nil {
		return nil, err
	}
	docs, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.AuditEntry, int, error) {
		return s.desk.ListAudit(ctx, bilat.AuditFilter{Entity: "document", Page: p})
	})
	if err != nil {
		return nil, err
	}
	for _, e := range docs {
		var doc struct {
			AgreementID int64 `json:"agreement_id"`
		}
		state := cmp.Or(string(e.After), string(e.Before))
		if json.Unmarshal([]byte(state), &doc) == nil && doc.AgreementID == id {
			own = append(own, e)
		}
	}
	slices.SortFunc(own, func(a, b *bilat.AuditEntry) int { return cmp.Compare(a.ID, b.ID) })
	return own, nil
}

// agreementsTransition moves an agreement to its next status. Signing
// needs the day of signature and entry into force its day, given here
// or already recorded; a refused move is shown beside the form.
func (s *Server) agreementsTransition(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := byID(s.desk.Agreement)(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	f := newForm(r.PostForm)
	t := bilat.AgreementTransition{To: bilat.AgreementStatus(f.Value("to")), SignedOn: strings.TrimSpace(f.Value("signed_on")),
		InForceOn: strings.TrimSpace(f.Value("in_force_on")), ExpiresOn: strings.TrimSpace(f.Value("expires_on"))}
	t.Version, _ = strconv.Atoi(f.Value("version"))
	p := bilat.NewProblems("")
	switch {
	case !x.Status.CanMoveTo(t.To):
		p.Add("to", "%s", v.L.T("agreements.move.not_allowed", "From", v.L.T("agreements.status."+string(x.Status))))
	case t.To == bilat.AgreementSigned && t.SignedOn == "" && x.SignedOn == "":
		p.Add("signed_on", "%s", v.L.T("agreements.move.needs_signed_on"))
	case t.To == bilat.AgreementInForce && t.InForceOn == "" && x.InForceOn == "":
		p.Add("in_force_on", "%s", v.L.T("agreements.move.needs_in_force_on"))
	}
	err = p.Err("transition")
	if err == nil {
		_, err = s.desk.TransitionAgreement(r.Context(), actor(r), x.ID, t)
	}
	if err == nil {
		redirect(w, r, "/agreements/"+strconv.FormatInt(x.ID, 10))
		return nil
	}
	d, lerr := s.agreementsLoad(r.Context(), v, x)
	if lerr != nil {
		return lerr
	}
	d.Move = f
	status := http.StatusBadRequest
	if !f.Fail(v.L, err, "to", "signed_on", "in_force_on", "expires_on") {
		if bilat.ErrorCode(err) != bilat.ECONFLICT {
			return err
		}
		f.Other, status = append(f.Other, bilat.Problem{Message: bilat.ErrorMessage(err)}), http.StatusConflict
	}
	return s.agreementsShow(w, v, status, d)
}
