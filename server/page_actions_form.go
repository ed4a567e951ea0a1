package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"bilat"
)

// The follow-up actions of a meeting: created from the meeting page once
// it is held, edited on their own page, and marked done (or cancelled, or
// opened again) in place from any list that shows them.

// actionsFields are the fields of the action form, where problems show.
var actionsFields = []string{"description", "owner_id", "owner_name", "partner_id", "due", "status"}

// actionsFollowUp is what the meeting page's outcome and action forms
// offer: the topic vocabulary, the people who may own an action, the
// partners it may concern, and the meeting's actions with their names.
type actionsFollowUp struct {
	Topics   []*bilat.Topic
	Owners   []*bilat.Person
	Partners []*bilat.Partner
	Rows     []*actionsRow
	New      *form
	// AgreementURL opens the registry's form for an agreement signed at
	// the meeting, prefilled with it.
	AgreementURL string
}

// TopicName is a topic's name in lang.
func (*actionsFollowUp) TopicName(t *bilat.Topic, lang string) string {
	return inLanguage(lang, t.NameEN, t.NameFR, t.NameAR)
}

// Checked reports whether a form's list field holds value.
func (*actionsFollowUp) Checked(f *form, field, value string) bool {
	return slices.Contains(f.Values[field], value)
}

// OutcomeKinds are the outcome kinds, for the outcome form's choice.
func (*actionsFollowUp) OutcomeKinds() []bilat.OutcomeKind { return bilat.OutcomeKinds }

// Statuses are the action statuses, for the action form's choice.
func (*actionsFollowUp) Statuses() []bilat.ActionStatus { return bilat.ActionStatuses }

// actionsLoadFollowUp fills the meeting page's follow-up part. Before an
// outcome is recorded, the topics the request named are offered ticked.
func (s *Server) actionsLoadFollowUp(ctx context.Context, d *meetingData) error {
	m := d.Meeting
	e, err := s.desk.Event(ctx, m.EventID)
	if err != nil {
		return err
	}
	fu := &actionsFollowUp{AgreementURL: fmt.Sprintf("/agreements/new?meeting=%d", m.ID)}
	if fu.Topics, err = s.desk.ListTopics(ctx); err != nil {
		return err
	}
	fu.Partners = []*bilat.Partner{d.Partner}
	for _, p := range d.Participants {
		fu.Partners = append(fu.Partners, p.Partner)
	}
	if e.HostPartnerID != 0 {
		host, err := s.desk.Partner(ctx, e.HostPartnerID)
		if err != nil {
			return err
		}
		fu.Partners = append(fu.Partners, host)
	}
	fu.Partners = actionsDistinct(fu.Partners)
	for _, p := range fu.Partners {
		people, err := all(ctx, func(ctx context.Context, pg bilat.Page) ([]*bilat.Person, int, error) {
			return s.desk.ListPeople(ctx, bilat.PersonFilter{PartnerID: p.ID, Page: pg})
		})
		if err != nil {
			return err
		}
		fu.Owners = append(fu.Owners, people...)
	}
	if fu.Rows, err = s.actionsMeetingRows(ctx, d.Actions, e); err != nil {
		return err
	}
	fu.New = actionsNewForm(d.Partner)
	if m.OutcomeKind == "" && len(m.TopicsDiscussed) == 0 && d.Outcome != nil {
		d.Outcome.Values["topics_discussed"] = d.Request.Topics
	}
	d.FollowUp = fu
	return nil
}

// actionsMeetingRows names a meeting's actions, with reminders in the
// event's time zone.
func (s *Server) actionsMeetingRows(ctx context.Context, xs []*bilat.Action, e *bilat.Event) ([]*actionsRow, error) {
	zone, err := e.Location()
	if err != nil {
		zone = time.UTC
	}
	n := actionsNamer{s: s, people: map[int64]*bilat.Person{}, partners: map[int64]*bilat.Partner{},
		meetings: map[int64]*bilat.Meeting{}, events: map[int64]*bilat.Event{e.ID: e}}
	now := time.Now()
	today, soon := actionsDay(now, zone, 0), actionsDay(now, zone, actionsSoonDays)
	out := make([]*actionsRow, 0, len(xs))
	for _, x := range xs {
		row, err := n.row(ctx, x)
		if err != nil {
			return nil, err
		}
		row.Overdue, row.DueSoon = x.Overdue(today), x.Status == bilat.ActionOpen && x.Due >= today && x.Due <= soon
		out = append(out, row)
	}
	return out, nil
}

// actionsDistinct keeps the first of each partner, leaving out nils.
func actionsDistinct(ps []*bilat.Partner) []*bilat.Partner {
	seen := map[int64]bool{}
	var out []*bilat.Partner
	for _, p := range ps {
		if p != nil && !seen[p.ID] {
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out
}

// actionsNewForm is an empty action form: open, concerning the counterpart.
func actionsNewForm(counterpart *bilat.Partner) *form {
	f := newForm(url.Values{"status": {string(bilat.ActionOpen)}})
	if counterpart != nil {
		f.Values.Set("partner_id", strconv.FormatInt(counterpart.ID, 10))
	}
	return f
}

// actionsFromForm copies the form onto the action. Numbers that are not
// numbers are refused beside their field rather than read as none.
func actionsFromForm(f *form, x *bilat.Action) error {
	v := bilat.NewProblems("")
	ids := map[string]*int64{"owner_id": &x.OwnerID, "partner_id": &x.PartnerID}
	for field, dst := range ids {
		*dst = 0
		if s := strings.TrimSpace(f.Value(field)); s != "" {
			id, err := strconv.ParseInt(s, 10, 64)
			v.Check(err == nil && id > 0, field, "must be a positive number")
			*dst = id
		}
	}
	x.Description, x.OwnerName = f.Value("description"), f.Value("owner_name")
	x.Due, x.Status = strings.TrimSpace(f.Value("due")), bilat.ActionStatus(f.Value("status"))
	return v.Err("action")
}

// actionsCreate adds a follow-up action to a held meeting.
func (s *Server) actionsCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	d, err := s.loadMeeting(r, v)
	if err != nil {
		return err
	}
	if !d.IsHeld() {
		return bilat.Errorf(bilat.ECONFLICT, "meeting %d is %s: its follow-up actions are recorded once it is held", d.Meeting.ID, d.Meeting.Status)
	}
	f := newForm(r.PostForm)
	x := &bilat.Action{MeetingID: d.Meeting.ID}
	err = actionsFromForm(f, x)
	if err == nil {
		err = s.desk.CreateAction(r.Context(), actor(r), x)
	}
	status := http.StatusOK
	switch {
	case err == nil && !meetingIsHTMX(r):
		http.Redirect(w, r, fmt.Sprintf("/meetings/%d?saved=action#meeting-actions", d.Meeting.ID), http.StatusSeeOther)
		return nil
	case err == nil:
		if d, err = s.loadMeeting(r, v); err != nil {
			return err
		}
		d.FollowUp.New.Saved = true
	case f.Fail(v.L, err, actionsFields...):
		d.FollowUp.New, status = f, http.StatusBadRequest
	default:
		return err
	}
	if meetingIsHTMX(r) {
		return s.renderBlock(w, status, "meeting", "actions-meeting", v)
	}
	return s.render(w, status, "meeting", v)
}

// actionsEditData is the action's own page.
type actionsEditData struct {
	Row      *actionsRow
	Form     *form
	FollowUp *actionsFollowUp
	Back     string
}

// actionsEditPage shows an action's form.
func (s *Server) actionsEditPage(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := byID(s.desk.Action)(r)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"description": {x.Description}, "owner_name": {x.OwnerName}, "due": {x.Due},
		"status": {string(x.Status)}, "version": {strconv.Itoa(x.Version)}, "back": {actionsBack(r.URL.Query().Get("back"), x)}})
	if x.OwnerID != 0 {
		f.Values.Set("owner_id", strconv.FormatInt(x.OwnerID, 10))
	}
	if x.PartnerID != 0 {
		f.Values.Set("partner_id", strconv.FormatInt(x.PartnerID, 10))
	}
	return s.actionsRenderEdit(w, r, v, x, f, http.StatusOK)
}

// actionsRenderEdit draws the action's page with form f.
func (s *Server) actionsRenderEdit(w http.ResponseWriter, r *http.Request, v *view, x *bilat.Action, f *form, status int) error {
	md, err := s.actionsMeetingOf(r, v, x)
	if err != nil {
		return err
	}
	var row *actionsRow
	for _, rw := range md.FollowUp.Rows {
		if rw.Action.ID == x.ID {
			row = rw
		}
	}
	if row == nil {
		return bilat.Errorf(bilat.ENOTFOUND, "action %d not found", x.ID)
	}
	v.Title, v.Nav = v.L.T("actions.edit.title"), "actions"
	v.Data = &actionsEditData{Row: row, Form: f, FollowUp: md.FollowUp, Back: f.Value("back")}
	return s.render(w, status, "actions-edit", v)
}

// actionsMeetingOf reads the action's meeting as its page would, for the
// names and choices the action's form offers.
func (s *Server) actionsMeetingOf(r *http.Request, v *view, x *bilat.Action) (*meetingData, error) {
	r2 := r.Clone(r.Context())
	r2.SetPathValue("id", strconv.FormatInt(x.MeetingID, 10))
	return s.loadMeeting(r2, v)
}

// actionsBack is where a saved action returns: a path of this site that
// the page was opened from, else the action's meeting.
func actionsBack(back string, x *bilat.Action) string {
	if strings.HasPrefix(back, "/") && !strings.HasPrefix(back, "//") && !strings.Contains(back, `\`) {
		return back
	}
	return fmt.Sprintf("/meetings/%d#meeting-actions", x.MeetingID)
}

// actionsUpdate saves an action's form.
func (s *Server) actionsUpdate(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	cur, err := byID(s.desk.Action)(r)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm)
	f.Values.Set("back", actionsBack(f.Value("back"), cur))
	x := *cur
	status, err := s.actionsSave(r, v, f, &x, func(x *bilat.Action) error { return actionsFromForm(f, x) })
	if err != nil {
		return err
	}
	if status == http.StatusOK {
		http.Redirect(w, r, f.Value("back"), http.StatusSeeOther)
		return nil
	}
	if status == http.StatusConflict {
		f.Values.Set("version", strconv.Itoa(cur.Version))
	}
	return s.actionsRenderEdit(w, r, v, cur, f, status)
}

// actionsSave applies a form to the action at the form's version and
// saves it: 200 when saved, 400 for invalid input (problems on f), 409
// when someone changed the action since the form was read.
func (s *Server) actionsSave(r *http.Request, v *view, f *form, x *bilat.Action, apply func(*bilat.Action) error) (int, error) {
	version, err := strconv.Atoi(f.Value("version"))
	if err != nil || version < 1 {
		f.Other = append(f.Other, bilat.Problem{Message: v.L.T("actions.error.version")})
		return http.StatusBadRequest, nil
	}
	x.Version = version
	err = apply(x)
	if err == nil {
		err = s.desk.UpdateAction(r.Context(), actor(r), x)
	}
	switch {
	case err == nil:
		return http.StatusOK, nil
	case bilat.ErrorCode(err) == bilat.ECONFLICT:
		f.Other = append(f.Other, bilat.Problem{Message: v.L.T("actions.error.stale")})
		return http.StatusConflict, nil
	case f.Fail(v.L, err, actionsFields...):
		return http.StatusBadRequest, nil
	}
	return 0, err
}

// actionsRowData is the answer to a status change made in place: the
// row again, with its problem if the change was refused.
type actionsRowData struct {
	Row      *actionsRow
	Problems []bilat.Problem
	Back     string
	Event    bool // the list shows the event column; a meeting's does not
}

// actionsSetStatus marks an action done, cancelled or open again. With
// htmx the action's row comes back; without, the page it was posted from.
func (s *Server) actionsSetStatus(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	x, err := byID(s.desk.Action)(r)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm)
	back := actionsBack(f.Value("back"), x)
	status, err := s.actionsSave(r, v, f, x, func(x *bilat.Action) error {
		x.Status = bilat.ActionStatus(f.Value("status"))
		return nil
	})
	if err != nil {
		return err
	}
	if !meetingIsHTMX(r) {
		if status == http.StatusConflict {
			return bilat.Errorf(bilat.ECONFLICT, "%s", actionsProblemText(f))
		} else if status != http.StatusOK {
			return bilat.Errorf(bilat.EINVALID, "%s", actionsProblemText(f))
		}
		http.Redirect(w, r, back, http.StatusSeeOther)
		return nil
	}
	if status != http.StatusOK {
		if x, err = s.desk.Action(r.Context(), x.ID); err != nil {
			return err
		}
	}
	rows, err := s.actionsRowsOf(r.Context(), x)
	if err != nil {
		return err
	}
	v.Data = &actionsRowData{Row: rows, Problems: append(f.Other, actionsFieldProblems(f)...), Back: back,
		Event: !strings.HasPrefix(back, "/meetings/")}
	return s.renderBlock(w, status, "actions", "actions-row-alone", v)
}

// actionsRowsOf names one action as the lists do.
func (s *Server) actionsRowsOf(ctx context.Context, x *bilat.Action) (*actionsRow, error) {
	m, err := s.desk.Meeting(ctx, x.MeetingID)
	if err != nil {
		return nil, err
	}
	e, err := s.desk.Event(ctx, m.EventID)
	if err != nil {
		return nil, err
	}
	rows, err := s.actionsMeetingRows(ctx, []*bilat.Action{x}, e)
	if err != nil {
		return nil, err
	}
	return rows[0], nil
}

// actionsFieldProblems lists a form's field problems as plain problems.
func actionsFieldProblems(f *form) []bilat.Problem {
	var out []bilat.Problem
	for field, msg := range f.Problems {
		out = append(out, bilat.Problem{Field: field, Message: msg})
	}
	return out
}

// actionsProblemText joins a refused form's problems into one message.
func actionsProblemText(f *form) string {
	var parts []string
	for _, p := range append(f.Other, actionsFieldProblems(f)...) {
		parts = append(parts, p.String())
	}
	return strings.Join(parts, "; ")
}
