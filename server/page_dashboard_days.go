package server

import (
	"net/http"
	"time"

	"bilat"
)

// dayLink is one day of the event, for the day switchers of the dashboard
// and the printable programme.
type dashboardDay struct {
	Date    string    // YYYY-MM-DD
	Start   time.Time // midnight in the event's zone, for the locale's formats
	Current bool
}

// eventDays lists the event's days, from its first to its last.
func dashboardDays(e *bilat.Event, zone *time.Location) []dashboardDay {
	first, err1 := bilat.ParseDate(e.FirstDay)
	last, err2 := bilat.ParseDate(e.LastDay)
	if err1 != nil || err2 != nil {
		return nil
	}
	var out []dashboardDay
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		out = append(out, dashboardDay{Date: d.Format(bilat.DateLayout), Start: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, zone)})
	}
	return out
}

// pickDay chooses the day a page shows: the ?day= of the query when it is
// one of the event's days; else the event's "today" (the current day in
// the event's zone while the event runs, its first day otherwise). It
// marks the chosen day in days and returns it.
func dashboardPickDay(r *http.Request, days []dashboardDay, now time.Time) (dashboardDay, error) {
	if len(days) == 0 {
		return dashboardDay{}, bilat.Errorf(bilat.EINVALID, "the event has no days")
	}
	want := r.URL.Query().Get("day")
	if want == "" {
		want = dashboardToday(days, now)
	}
	for i := range days {
		if days[i].Date == want {
			days[i].Current = true
			return days[i], nil
		}
	}
	return dashboardDay{}, dashboardInvalidDay(want, days)
}

// today is the event's current day: now's date in the event's zone if it
// is one of the event's days, else the first day.
func dashboardToday(days []dashboardDay, now time.Time) string {
	date := now.In(days[0].Start.Location()).Format(bilat.DateLayout)
	for _, d := range days {
		if d.Date == date {
			return date
		}
	}
	return days[0].Date
}

// invalidDay is the error for a day that is not one of the event's.
func dashboardInvalidDay(day string, days []dashboardDay) error {
	return &bilat.Error{Code: bilat.EINVALID, Message: "day " + day + " is not a day of the event",
		Problems: []bilat.Problem{{Field: "day", Message: "must be a day from " + days[0].Date + " to " + days[len(days)-1].Date}}}
}

// within reports whether t falls on the day that starts at day.
func dashboardWithin(t time.Time, day time.Time) bool {
	return !t.Before(day) && t.Before(day.AddDate(0, 0, 1))
}
