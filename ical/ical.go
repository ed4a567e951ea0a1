// Package ical writes the event's meetings as iCalendar (RFC 5545) files:
// the subscribable calendar feeds and the delegation portal's download.
// It owns the format only: which meetings a calendar holds, and in which
// language they are named, is decided by its callers.
//
// What a calendar application needs to follow a changing programme:
//   - a UID per meeting that never changes (meeting-ID@bilat), so that a
//     moved meeting replaces its old copy instead of appearing twice;
//   - a SEQUENCE that grows with every change (see Sequence);
//   - a cancelled meeting sent with STATUS:CANCELLED, never dropped, or
//     the application would keep showing it;
//   - local times with the event's TZID and a VTIMEZONE that describes the
//     zone around the event's days (see timezone.go);
//   - CRLF line ends.
package ical

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"bilat"
)

// ContentType is the media type of the files written here.
const ContentType = "text/calendar; charset=utf-8"

// uidHost ends every UID. It is a constant rather than the server's host
// name so that a meeting keeps its UID whatever address the calendar is
// fetched from.
const uidHost = "bilat"

// MeetingUID is the UID of a meeting, the same in every calendar.
func MeetingUID(id int64) string { return fmt.Sprintf("meeting-%d@%s", id, uidHost) }

// SessionUID is the UID of a programme session.
func SessionUID(id int64) string { return fmt.Sprintf("session-%d@%s", id, uidHost) }

// Sequence is the SEQUENCE of a meeting: the meeting's version plus its
// request's. A move or a change of room bumps the meeting's version; a
// cancellation, a no-show or marking it held changes only the request (the
// meeting's status is its request's), which bumps the request's version.
// Both only grow, so their sum grows with every change of either.
func Sequence(m *bilat.Meeting, r *bilat.Request) int {
	return m.Version + r.Version
}

// Modified is when a meeting or its request last changed.
func Modified(m *bilat.Meeting, r *bilat.Request) time.Time {
	if r.UpdatedAt.After(m.UpdatedAt) {
		return r.UpdatedAt
	}
	return m.UpdatedAt
}

// Cancelled reports whether a meeting of this status did not, or will not,
// take place: cancelled, or the delegation did not come.
func Cancelled(s bilat.RequestStatus) bool {
	return s == bilat.StatusCancelled || s == bilat.StatusNoShow
}

// Calendar is a calendar to write.
type Calendar struct {
	Name string
	// Zone is the event's time zone: times are written in it with its
	// VTIMEZONE. Nil writes times in UTC and no VTIMEZONE.
	Zone *time.Location
	// From and To are the first and last instants the calendar holds; the
	// VTIMEZONE covers the years they fall in.
	From, To time.Time
	// Stamp is when the file is made (DTSTAMP, as METHOD:PUBLISH asks).
	Stamp   time.Time
	Entries []Entry
}

// Entry is one VEVENT: a meeting, or a programme session shown as busy
// time.
type Entry struct {
	UID         string
	Sequence    int
	Modified    time.Time
	Start, End  time.Time
	Summary     string
	Location    string
	Description string
	Categories  []string
	Cancelled   bool
}

// Write writes the calendar with CRLF line ends.
func Write(w io.Writer, c *Calendar) error {
	cal := ics.NewCalendarFor("bilat")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(c.Name)
	cal.SetXWRCalName(c.Name)
	// Ask subscribed applications to look again often: a programme
	// changes by the hour during the event.
	cal.SetRefreshInterval("PT15M")
	cal.SetXPublishedTTL("PT15M")
	if c.Zone != nil {
		cal.SetXWRTimezone(c.Zone.String())
		cal.AddVTimezone(timezone(c.Zone, c.From, c.To))
	}
	for _, x := range c.Entries {
		addEntry(cal, c.Zone, c.Stamp, x)
	}
	// RFC 5545 ends lines with CRLF; the library's default is the
	// system's, "\n" on Unix.
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// addEntry adds one VEVENT.
func addEntry(cal *ics.Calendar, zone *time.Location, stamp time.Time, x Entry) {
	e := cal.AddEvent(x.UID)
	e.SetDtStampTime(stamp)
	if !x.Modified.IsZero() {
		e.SetModifiedAt(x.Modified)
	}
	e.SetSequence(x.Sequence)
	if zone == nil {
		e.SetStartAt(x.Start)
		e.SetEndAt(x.End)
	} else {
		tzid := ics.WithTZID(zone.String())
		e.SetProperty(ics.ComponentPropertyDtStart, localTime(x.Start.In(zone)), tzid)
		e.SetProperty(ics.ComponentPropertyDtEnd, localTime(x.End.In(zone)), tzid)
	}
	e.SetSummary(text(x.Summary))
	if x.Location != "" {
		e.SetLocation(text(x.Location))
	}
	if x.Description != "" {
		e.SetDescription(text(x.Description))
	}
	for _, c := range x.Categories {
		e.AddCategory(text(c))
	}
	e.SetTimeTransparency(ics.TransparencyOpaque)
	if x.Cancelled {
		e.SetStatus(ics.ObjectStatusCancelled)
	} else {
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
}

// localTime is a DATE-TIME in local time, to go with a TZID.
func localTime(t time.Time) string { return t.Format("20060102T150405") }

// text drops carriage returns: the library escapes line feeds in TEXT
// values but not a CR, which would end the line early.
func text(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
