package ical

import (
	"fmt"
	"time"

	ics "github.com/arran4/golang-ical"
)

// timezone builds the VTIMEZONE of loc from Go's time zone data: the
// offset in force at the start of the years from and to fall in, then one
// observance per transition until their end. Nothing is hard-coded:
// Africa/Casablanca, for one, has changed its rules often (permanent +01
// since 2018, with a return to +00 during Ramadan, which Go's data marks
// as the zone's daylight saving time), so explicit transitions are
// written rather than rules that would repeat.
func timezone(loc *time.Location, from, to time.Time) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	start := time.Date(from.In(loc).Year(), time.January, 1, 0, 0, 0, 0, loc)
	end := time.Date(to.In(loc).Year()+1, time.January, 1, 0, 0, 0, 0, loc)
	if to.IsZero() || end.Before(start) {
		end = start.AddDate(1, 0, 0)
	}
	name, offset := start.Zone()
	addObservance(tz, start.IsDST(), localTime(start), offset, offset, name)
	for t := start; ; {
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.Before(end) {
			break
		}
		newName, newOffset := next.Zone()
		// DTSTART of an observance is its onset in the local time in force
		// before it (the offset it comes from).
		onset := next.In(time.FixedZone("", offset))
		addObservance(tz, next.IsDST(), localTime(onset), offset, newOffset, newName)
		t, offset = next, newOffset
	}
	return tz
}

// addObservance appends a STANDARD or DAYLIGHT sub-component.
func addObservance(tz *ics.VTimezone, dst bool, dtstart string, from, to int, name string) {
	var c *ics.ComponentBase
	if dst {
		d := &ics.Daylight{}
		tz.Components = append(tz.Components, d)
		c = &d.ComponentBase
	} else {
		c = &tz.AddStandard().ComponentBase
	}
	c.SetProperty(ics.ComponentPropertyDtStart, dtstart)
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(from))
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(to))
	if name != "" {
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
	}
}

// utcOffset writes an offset in seconds east of UTC as RFC 5545 wants it:
// +HHMM, or +HHMMSS when it has seconds.
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	s := fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
