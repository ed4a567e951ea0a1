package server

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"bilat"
)

// A liaison states when their people are unavailable. Each period is kept
// as a programme session of kind engagement whose attendees are the
// delegation's head and members, so that the scheduler and the programme
// respect it like any other engagement.

// awayFields are the fields of the unavailability form.
var awayFields = []string{"start", "end", "reason"}

// sessionDeleter removes a programme session. The store offers it beyond
// bilat.Desk, which has no deletion of the programme.
type sessionDeleter interface {
	DeleteSession(ctx context.Context, a bilat.Actor, id int64) error
}

// ownAway lists the delegation's unavailability: the engagements whose
// attendees are all of the delegation's people.
func (s *Server) ownAway(ctx context.Context, p *portal) ([]*bilat.ProgrammeSession, error) {
	xs, err := all(ctx, pageOf(bilat.EventPart{EventID: p.Event.ID}, s.desk.ListSessions))
	if err != nil {
		return nil, err
	}
	var out []*bilat.ProgrammeSession
	for _, x := range xs {
		if p.owns(x) {
			out = append(out, x)
		}
	}
	return out, nil
}

// owns reports whether a session is one of the delegation's own periods
// of unavailability.
func (p *portal) owns(x *bilat.ProgrammeSession) bool {
	if x.EventID != p.Event.ID || x.Kind != bilat.SessionEngagement || len(x.Attendees) == 0 {
		return false
	}
	people := p.people()
	for _, a := range x.Attendees {
		if !slices.Contains(people, a) {
			return false
		}
	}
	return true
}

// awayOf reads the form into a period of unavailability; times are in
// the event's time zone and must fall within the event's days.
func awayOf(v *view, p *portal, f *form) (*bilat.ProgrammeSession, error) {
	pr := bilat.NewProblems("")
	moment := func(field string) time.Time {
		text := strings.TrimSpace(f.Value(field))
		if text == "" {
			pr.Add(field, "%s", v.L.T("portal.away.required"))
			return time.Time{}
		}
		t, err := time.ParseInLocation("2006-01-02T15:04", text, p.Zone)
		pr.Check(err == nil, field, "%s", v.L.T("inbox.new.moment"))
		return t
	}
	start, end := moment("start"), moment("end")
	first, _ := time.ParseInLocation(bilat.DateLayout, p.Event.FirstDay, p.Zone)
	last, _ := time.ParseInLocation(bilat.DateLayout, p.Event.LastDay, p.Zone)
	if !start.IsZero() && !end.IsZero() {
		pr.Check(end.After(start), "end", "%s", v.L.T("portal.away.order"))
		pr.Check(!start.Before(first) && !end.After(last.AddDate(0, 0, 1)), "start", "%s",
			v.L.T("portal.away.within", "First", p.Event.FirstDay, "Last", p.Event.LastDay))
	}
	reason := strings.TrimSpace(f.Value("reason"))
	pr.Check(reason != "", "reason", "%s", v.L.T("portal.away.required"))
	pr.Check(len([]rune(reason)) <= 200, "reason", "%s", v.L.T("portal.away.long"))
	people := p.people()
	if len(people) == 0 {
		// With no attendees a session would block every delegation's head.
		pr.Add("reason", "%s", v.L.T("portal.away.nobody"))
	}
	x := &bilat.ProgrammeSession{EventID: p.Event.ID, Kind: bilat.SessionEngagement, Start: start, End: end,
		Title: p.Partner.NameEN + ": " + reason, Attendees: people}
	return x, pr.Err("unavailability")
}

// portalAwayAdd records a period of unavailability.
func (s *Server) portalAwayAdd(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := s.portalOf(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	f := newForm(r.PostForm)
	x, err := awayOf(v, p, f)
	if err == nil {
		err = s.desk.CreateSession(r.Context(), actor(r), x)
	}
	if err != nil {
		if !f.Fail(v.L, err, awayFields...) {
			return err
		}
		d := &portalData{Form: newForm(nil), AwayForm: f}
		d.Form.Values.Set("duration_min", "30")
		return s.renderPortal(w, r, v, http.StatusUnprocessableEntity, d)
	}
	redirect(w, r, "/portal?done=away#away")
	return nil
}

// portalAwayRemove takes back one of the delegation's periods; any other
// session is not found.
func (s *Server) portalAwayRemove(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := s.portalOf(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := s.desk.Session(r.Context(), id)
	if bilat.ErrorCode(err) == bilat.ENOTFOUND || (err == nil && !p.owns(x)) {
		return portalNotFound("programme session", id)
	}
	if err != nil {
		return err
	}
	del, ok := s.desk.(sessionDeleter)
	if !ok {
		return bilat.Errorf(bilat.EINTERNAL, "this desk cannot remove programme sessions")
	}
	if err := del.DeleteSession(r.Context(), actor(r), id); err != nil {
		return err
	}
	redirect(w, r, "/portal?done=removed#away")
	return nil
}
