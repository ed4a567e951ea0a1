package server

import (
	"net/http"
	"strings"
	"time"

	"bilat/ical"
)

// The delegation's calendar download: its scheduled and held meetings as
// an iCalendar file written by the ical package, each with the UID it has
// in every feed, so that a calendar application updates a moved meeting
// rather than adding a second one. Times are in UTC. A liaison who wants
// cancellations to reach their calendar subscribes to their feed
// (/feeds), which also carries cancelled meetings.

// portalCalendar writes the iCalendar file of the liaison's delegation;
// summary names a meeting with a principal in the reader's language.
func (s *Server) portalCalendar(w http.ResponseWriter, r *http.Request, summary func(principal string) string) error {
	p, err := s.portalOf(r)
	if err != nil {
		return err
	}
	if err := s.loadPortalNames(r.Context(), p); err != nil {
		return err
	}
	meetings, err := s.ownMeetings(r.Context(), p)
	if err != nil {
		return err
	}
	name := p.Event.NameEN + " — " + p.Partner.NameEN
	cal := &ical.Calendar{Name: name, Stamp: time.Now()}
	for _, pm := range meetings {
		e := ical.Entry{UID: ical.MeetingUID(pm.ID), Start: pm.Start, End: pm.End,
			Summary: summary(pm.Principal), Location: strings.Trim(pm.Room+", "+pm.Venue, ", ")}
		// The sequence and the time of the last change come from the
		// meeting and its request, which the portal's view leaves out.
		if m, err := s.desk.Meeting(r.Context(), pm.ID); err == nil {
			if req, err := s.desk.Request(r.Context(), m.RequestID); err == nil {
				e.Sequence, e.Modified = ical.Sequence(m, req), ical.Modified(m, req)
			}
		}
		cal.Entries = append(cal.Entries, e)
	}
	w.Header().Set("Content-Type", ical.ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+p.Event.Slug+`-`+strings.ToLower(p.Partner.Code)+`.ics"`)
	return ical.Write(w, cal)
}

// portalCalendarPage serves the calendar from the portal's pages.
func (s *Server) portalCalendarPage(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.portalCalendar(w, r, func(name string) string { return v.L.T("portal.ics.summary", "Name", name) })
}
