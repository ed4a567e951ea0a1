package server

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// The delegation's calendar: its scheduled and held meetings as an
// iCalendar file, each with a UID that stays the same when the meeting
// moves, so that a calendar application updates it rather than adding a
// second one.

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
	cal := ics.NewCalendarFor("bilat")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(p.Event.NameEN + " — " + p.Partner.NameEN)
	cal.SetXWRCalName(p.Event.NameEN + " — " + p.Partner.NameEN)
	now := time.Now().UTC()
	for _, m := range meetings {
		e := cal.AddEvent(fmt.Sprintf("meeting-%d@bilat", m.ID))
		e.SetDtStampTime(now)
		e.SetStartAt(m.Start)
		e.SetEndAt(m.End)
		e.SetSummary(summary(m.Principal))
		e.SetLocation(strings.Trim(m.Room+", "+m.Venue, ", "))
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+p.Event.Slug+`-`+strings.ToLower(p.Partner.Code)+`.ics"`)
	// RFC 5545 ends lines with CRLF; the library's default is the
	// system's, "\n" on Unix.
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// portalCalendarPage serves the calendar from the portal's pages.
func (s *Server) portalCalendarPage(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.portalCalendar(w, r, func(name string) string { return v.L.T("portal.ics.summary", "Name", name) })
}
