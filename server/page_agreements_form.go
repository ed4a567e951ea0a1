package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"bilat"
)

// The registry's forms: a new agreement (prefilled from a meeting with
// ?meeting=ID), an agreement's details, and the move to its next status
// with the date that step needs.

// agreementsFormData is what the form page shows.
type agreementsFormData struct {
	F         *form
	Agreement *bilat.Agreement // nil for a new one
	Options   map[string][]option
	Action    string
	Back      string
}

// agreementsFields are the form's fields, where problems are shown.
var agreementsFields = []string{"kind", "title", "parties", "topics", "scope", "status", "signed_on", "in_force_on",
	"expires_on", "next_review_on", "place", "event_id", "meeting_id", "notes"}

// agreementsNew shows an empty form, or one prefilled from a meeting.
func (s *Server) agreementsNew(w http.ResponseWriter, r *http.Request, v *view) error {
	f := newForm(url.Values{"kind": {"memorandum_of_understanding"}, "status": {string(bilat.AgreementDraft)}})
	if id := r.URL.Query().Get("meeting"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return invalid("meeting", "must be a meeting id")
		}
		if err := s.agreementsFromMeeting(r.Context(), f, n); err != nil {
			return err
		}
	}
	return s.agreementsForm(w, r, v, http.StatusOK, f, nil)
}

// agreementsFromMeeting prefills a new agreement from a meeting: the host
// and the delegation's partner as parties, the topics discussed (else
// those requested), the event, its city and the meeting's day.
func (s *Server) agreementsFromMeeting(ctx context.Context, f *form, id int64) error {
	m, err := s.desk.Meeting(ctx, id)
	if err != nil {
		return err
	}
	e, err := s.desk.Event(ctx, m.EventID)
	if err != nil {
		return err
	}
	req, err := s.desk.Request(ctx, m.RequestID)
	if err != nil {
		return err
	}
	del, err := s.desk.Delegation(ctx, req.DelegationID)
	if err != nil {
		return err
	}
	var codes []string
	for _, pid := range []int64{e.HostPartnerID, del.PartnerID} {
		if pid == 0 {
			continue
		}
		p, err := s.desk.Partner(ctx, pid)
		if err != nil {
			return err
		}
		codes = append(codes, p.Code)
	}
	topics := m.TopicsDiscussed
	if len(topics) == 0 {
		topics = req.Topics
	}
	zone, err := e.Location()
	if err != nil {
		zone = time.UTC
	}
	vals := f.Values
	vals.Set("parties", strings.Join(codes, " "))
	vals.Set("topics", strings.Join(topics, " "))
	vals.Set("event_id", strconv.FormatInt(e.ID, 10))
	vals.Set("meeting_id", strconv.FormatInt(m.ID, 10))
	vals.Set("place", e.City)
	vals.Set("signed_on", m.Start.In(zone).Format(bilat.DateLayout))
	return nil
}

// agreementsCreate registers an agreement as it stands.
func (s *Server) agreementsCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	f := newForm(r.PostForm)
	x := &bilat.Agreement{Status: bilat.AgreementStatus(f.Value("status"))}
	err := s.agreementsRead(r.Context(), f, x)
	if err == nil {
		err = s.desk.CreateAgreement(r.Context(), actor(r), x)
	}
	if err != nil {
		return s.agreementsRefused(w, r, v, f, nil, err)
	}
	redirect(w, r, "/agreements/"+strconv.FormatInt(x.ID, 10))
	return nil
}

// agreementsEdit shows an agreement's details in the form.
func (s *Server) agreementsEdit(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := byID(s.desk.Agreement)(r)
	if err != nil {
		return err
	}
	return s.agreementsForm(w, r, v, http.StatusOK, agreementsFormOf(r.Context(), s, x), x)
}

// agreementsFormOf fills the form from a saved agreement.
func agreementsFormOf(ctx context.Context, s *Server, x *bilat.Agreement) *form {
	var codes []string
	for _, id := range x.Parties {
		if p, err := s.desk.Partner(ctx, id); err == nil {
			codes = append(codes, p.Code)
		}
	}
	id := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	return newForm(url.Values{"kind": {x.Kind}, "title": {x.Title}, "parties": {strings.Join(codes, " ")},
		"topics": {strings.Join(x.Topics, " ")}, "scope": {x.Scope}, "status": {string(x.Status)}, "signed_on": {x.SignedOn},
		"in_force_on": {x.InForceOn}, "expires_on": {x.ExpiresOn}, "next_review_on": {x.NextReviewOn}, "place": {x.Place},
		"event_id": {id(x.EventID)}, "meeting_id": {id(x.MeetingID)}, "notes": {x.Notes}, "version": {strconv.Itoa(x.Version)}})
}

// agreementsUpdate saves an agreement's details from the version the form
// was filled from; its status changes only by a transition.
func (s *Server) agreementsUpdate(w http.ResponseWriter, r *http.Request, v *view) error {
	cur, err := byID(s.desk.Agreement)(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	f := newForm(r.PostForm)
	x := &bilat.Agreement{Record: bilat.Record{ID: cur.ID}, Status: cur.Status}
	x.Version, err = strconv.Atoi(f.Value("version"))
	if err != nil {
		return invalid("version", "must be the version the form was filled from")
	}
	err = s.agreementsRead(r.Context(), f, x)
	if err == nil {
		err = s.desk.UpdateAgreement(r.Context(), actor(r), x)
	}
	if err != nil {
		return s.agreementsRefused(w, r, v, f, cur, err)
	}
	redirect(w, r, "/agreements/"+strconv.FormatInt(x.ID, 10))
	return nil
}

// agreementsRefused shows the form again with what was typed and why it
// was refused: beside the fields for bad input, above them for a change
// made meanwhile by someone else.
func (s *Server) agreementsRefused(w http.ResponseWriter, r *http.Request, v *view, f *form, x *bilat.Agreement, err error) error {
	if f.Fail(v.L, err, agreementsFields...) {
		return s.agreementsForm(w, r, v, http.StatusBadRequest, f, x)
	}
	if bilat.ErrorCode(err) == bilat.ECONFLICT {
		f.Other = append(f.Other, bilat.Problem{Message: bilat.ErrorMessage(err)})
		return s.agreementsForm(w, r, v, http.StatusConflict, f, x)
	}
	return err
}

// agreementsRead copies the form onto x: parties are partner codes and
// topics topic codes, separated by spaces or commas. Unknown partner
// codes and unreadable ids are reported with the domain's own checks.
func (s *Server) agreementsRead(ctx context.Context, f *form, x *bilat.Agreement) error {
	p := bilat.NewProblems("")
	x.Kind, x.Title = f.Value("kind"), strings.TrimSpace(f.Value("title"))
	x.Scope, x.Place, x.Notes = strings.TrimSpace(f.Value("scope")), strings.TrimSpace(f.Value("place")), strings.TrimSpace(f.Value("notes"))
	x.SignedOn, x.InForceOn = strings.TrimSpace(f.Value("signed_on")), strings.TrimSpace(f.Value("in_force_on"))
	x.ExpiresOn, x.NextReviewOn = strings.TrimSpace(f.Value("expires_on")), strings.TrimSpace(f.Value("next_review_on"))
	x.Topics = agreementsWords(f.Value("topics"), false)
	x.Parties = nil
	for _, code := range agreementsWords(f.Value("parties"), true) {
		partner, err := s.desk.PartnerByCode(ctx, code)
		switch {
		case bilat.ErrorCode(err) == bilat.ENOTFOUND:
			p.Add("parties", "%q is not a partner code", code)
		case err != nil:
			return err
		default:
			x.Parties = append(x.Parties, partner.ID)
		}
	}
	x.EventID, x.MeetingID = agreementsID(p, f, "event_id"), agreementsID(p, f, "meeting_id")
	if err := x.Validate(); err != nil {
		if bilat.ErrorCode(err) != bilat.EINVALID {
			return err
		}
		for _, q := range bilat.ErrorProblems(err) {
			p.Add(q.Field, "%s", q.Message)
		}
	}
	return p.Err("agreement")
}

// agreementsWords splits a list typed as words separated by spaces or
// commas; codes of partners are upper case.
func agreementsWords(s string, upper bool) []string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
	for i, w := range words {
		if upper {
			words[i] = strings.ToUpper(w)
		}
	}
	return words
}

// agreementsID reads an optional record id field.
func agreementsID(p bilat.Problems, f *form, field string) int64 {
	s := strings.TrimSpace(f.Value(field))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	p.Check(err == nil && n > 0, field, "must be a record id")
	return n
}

// agreementsForm draws the form page.
func (s *Server) agreementsForm(w http.ResponseWriter, r *http.Request, v *view, status int, f *form, x *bilat.Agreement) error {
	events, err := all(r.Context(), func(ctx context.Context, p bilat.Page) ([]*bilat.Event, int, error) {
		return s.desk.ListEvents(ctx, bilat.EventFilter{Page: p})
	})
	if err != nil {
		return err
	}
	eventOpts := []option{{"", v.L.T("agreements.form.no_event")}}
	for _, e := range events {
		eventOpts = append(eventOpts, option{strconv.FormatInt(e.ID, 10), eventName(e, v.L.Lang)})
	}
	statusOpts := []option{}
	for _, st := range bilat.AgreementStatuses {
		statusOpts = append(statusOpts, option{string(st), v.L.T("agreements.status." + string(st))})
	}
	d := &agreementsFormData{F: f, Agreement: x, Action: "/agreements/new", Back: "/agreements",
		Options: map[string][]option{"kind": agreementsKindOptions(v), "event_id": eventOpts, "status": statusOpts}}
	v.Title = v.L.T("agreements.new")
	if x != nil {
		id := strconv.FormatInt(x.ID, 10)
		d.Action, d.Back, v.Title = "/agreements/"+id+"/edit", "/agreements/"+id, v.L.T("agreements.edit")
	}
	v.Nav, v.Data = "agreements", d
	return s.render(w, status, "agreements-form", v)
}
