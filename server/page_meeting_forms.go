package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"bilat"
)

// meetingSave is one of the meeting page's two forms that update the
// meeting record: the briefing, or the outcome with its decisions.
type meetingSave struct {
	kind   string   // "briefing" or "outcome": the form's block and anchor
	fields []string // the form's fields, where problems are shown
	// apply copies the form's values onto the meeting.
	apply func(f *form, m *bilat.Meeting)
	// fresh fills the form again from the saved meeting.
	fresh func(m *bilat.Meeting) *form
	// slot is where the page keeps this form.
	slot func(d *meetingData) **form
}

var (
	meetingBriefingSave = meetingSave{
		kind: "briefing", fields: []string{"briefing"},
		apply: func(f *form, m *bilat.Meeting) { m.Briefing = strings.TrimSpace(f.Value("briefing")) },
		fresh: meetingBriefingForm,
		slot:  func(d *meetingData) **form { return &d.Briefing },
	}
	meetingOutcomeSave = meetingSave{
		kind: "outcome", fields: []string{"outcome", "outcome_kind", "topics_discussed", "decisions"},
		apply: func(f *form, m *bilat.Meeting) {
			m.Outcome = strings.TrimSpace(f.Value("outcome"))
			m.OutcomeKind = bilat.OutcomeKind(f.Value("outcome_kind"))
			m.TopicsDiscussed = f.Values["topics_discussed"]
			m.Decisions = meetingDecisionLines(f.Value("decisions"))
		},
		fresh: meetingOutcomeForm,
		slot:  func(d *meetingData) **form { return &d.Outcome },
	}
)

// meetingBriefing saves the briefing notes.
func (s *Server) meetingBriefing(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.saveMeeting(w, r, v, meetingBriefingSave)
}

// meetingOutcome records what came of a held meeting.
func (s *Server) meetingOutcome(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.saveMeeting(w, r, v, meetingOutcomeSave)
}

// saveMeeting posts one form of the meeting page. Without JavaScript a
// saved form redirects to the page (Post/Redirect/Get); with htmx the
// form's block comes back. A refused form comes back with what the user
// typed and the problem beside its field.
func (s *Server) saveMeeting(w http.ResponseWriter, r *http.Request, v *view, save meetingSave) error {
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	d, err := s.loadMeeting(r, v)
	if err != nil {
		return err
	}
	if save.kind == "outcome" && !d.IsHeld() {
		return bilat.Errorf(bilat.ECONFLICT, "meeting %d is %s: its outcome is recorded once it is held", d.Meeting.ID, d.Meeting.Status)
	}
	f := newForm(r.PostForm)
	status, err := s.updateMeeting(r, v, d, f, save)
	if err != nil {
		return err
	}
	if status == http.StatusOK {
		if !meetingIsHTMX(r) {
			http.Redirect(w, r, fmt.Sprintf("/meetings/%d?saved=%s#meeting-%s", d.Meeting.ID, save.kind, save.kind), http.StatusSeeOther)
			return nil
		}
		f = save.fresh(d.Meeting)
		f.Saved = true
	}
	*save.slot(d) = f
	if meetingIsHTMX(r) {
		d.Fragment = true
		return s.renderBlock(w, status, "meeting", "meeting-"+save.kind, v)
	}
	return s.render(w, status, "meeting", v)
}

// updateMeeting writes the form onto the meeting and returns the status
// of the answer: 200 when saved, 400 for invalid input, 409 when someone
// saved the meeting since the form was opened. Only unexpected errors are
// returned as errors.
func (s *Server) updateMeeting(r *http.Request, v *view, d *meetingData, f *form, save meetingSave) (int, error) {
	first := save.fields[0]
	version, err := strconv.Atoi(f.Value("version"))
	if err != nil || version < 1 {
		f.Problems[first] = v.L.T("meeting.error.version")
		return http.StatusBadRequest, nil
	}
	m := *d.Meeting
	m.Version = version
	save.apply(f, &m)
	err = s.desk.UpdateMeeting(r.Context(), actor(r), &m)
	switch {
	case err == nil:
		d.Meeting = &m
		return http.StatusOK, nil
	case bilat.ErrorCode(err) == bilat.ECONFLICT && version != d.Meeting.Version:
		// Keep what the user typed, show what the other person saved, and
		// take the current version so that saving again is a choice made
		// knowingly.
		f.Problems[first] = v.L.T("meeting.error.stale")
		f.Values.Set("version", strconv.Itoa(d.Meeting.Version))
		if save.kind == "briefing" {
			d.StaleBriefing = &d.Meeting.Briefing
		}
		return http.StatusConflict, nil
	case f.Fail(v.L, err, save.fields...):
		return http.StatusBadRequest, nil
	}
	return 0, err
}

// meetingDecisionLines are the decisions typed one per line; blank lines are
// left out rather than refused, as people leave them between items.
func meetingDecisionLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// meetingHeld marks a scheduled meeting as held: the transition of its
// request, which carries the meeting's status with it.
func (s *Server) meetingHeld(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	d, err := s.loadMeeting(r, v)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm)
	version, _ := strconv.Atoi(f.Value("request_version"))
	_, err = s.desk.TransitionRequest(r.Context(), actor(r), d.Request.ID, bilat.Transition{To: bilat.StatusHeld, Version: version})
	if err != nil {
		return s.refuseHeld(w, r, v, d, f, err)
	}
	if !meetingIsHTMX(r) {
		http.Redirect(w, r, fmt.Sprintf("/meetings/%d#meeting-outcome", d.Meeting.ID), http.StatusSeeOther)
		return nil
	}
	if _, err := s.loadMeeting(r, v); err != nil {
		return err
	}
	return s.renderBlock(w, http.StatusOK, "meeting", "meeting-main", v)
}

// refuseHeld shows why a meeting could not be marked held: it is no
// longer scheduled, or its request changed since the page was read.
func (s *Server) refuseHeld(w http.ResponseWriter, r *http.Request, v *view, d *meetingData, f *form, err error) error {
	code := bilat.ErrorCode(err)
	if code != bilat.ECONFLICT && code != bilat.EINVALID {
		return err
	}
	msg := bilat.ErrorMessage(err)
	switch {
	case !d.IsScheduled():
		msg = v.L.T("meeting.error.not_scheduled", "Status", v.L.T("status."+string(d.Meeting.Status)))
	case f.Value("request_version") != strconv.Itoa(d.Request.Version):
		msg = v.L.T("meeting.error.held_stale")
	}
	f.Other = append(f.Other, bilat.Problem{Message: msg})
	f.Values.Set("request_version", strconv.Itoa(d.Request.Version))
	d.Held = f
	status := http.StatusConflict
	if code == bilat.EINVALID {
		status = http.StatusBadRequest
	}
	if meetingIsHTMX(r) {
		return s.renderBlock(w, status, "meeting", "meeting-main", v)
	}
	return s.render(w, status, "meeting", v)
}

// meetingIsHTMX reports whether htmx made the request, which then wants only
// the block it swaps.
func meetingIsHTMX(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }
