package ical_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"bilat/ical"
	"bilat/ical/icaltest"
)

// write writes a calendar of one meeting at 09:00 local time on day in
// zone, failing the test on error.
func write(t *testing.T, zone string, day time.Time) []byte {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, loc)
	var buf bytes.Buffer
	err = ical.Write(&buf, &ical.Calendar{Name: "Test", Zone: loc, From: start, To: start, Stamp: time.Now(),
		Entries: []ical.Entry{{UID: ical.MeetingUID(7), Sequence: 3, Modified: start.Add(-time.Hour), Start: start, End: start.Add(30 * time.Minute),
			Summary: "Norway, Ethiopia; and \\ more\r\nsecond line", Location: "B1, Palais", Categories: []string{"Bilateral", "Cancelled"}, Cancelled: true}}})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The file has CRLF line ends only, our own parser reads it back, and a
// meeting's times are local times with the zone's TZID.
func TestWriteIsRFC5545(t *testing.T) {
	body := write(t, "Africa/Casablanca", time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC))
	if bytes.Count(body, []byte("\n")) != bytes.Count(body, []byte("\r\n")) || !bytes.HasSuffix(body, []byte("END:VCALENDAR\r\n")) {
		t.Error("the lines do not all end in CRLF")
	}
	for _, want := range []string{"DTSTART;TZID=Africa/Casablanca:20251124T090000\r\n", "SEQUENCE:3\r\n", "STATUS:CANCELLED\r\n",
		"UID:meeting-7@bilat\r\n", "BEGIN:VTIMEZONE\r\nTZID:Africa/Casablanca\r\n", "METHOD:PUBLISH\r\n"} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("the calendar lacks %q", want)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(cal.Events()) != 1 || len(cal.Timezones()) != 1 {
		t.Fatalf("%d events, %d time zones", len(cal.Events()), len(cal.Timezones()))
	}
	if sum := cal.Events()[0].GetProperty(ics.ComponentPropertySummary); sum == nil || ics.FromText(sum.Value) != "Norway, Ethiopia; and \\ more\nsecond line" {
		t.Errorf("summary %v", sum)
	}
}

// The VTIMEZONE is built from Go's zone data: python3-icalendar turns it
// into a time zone of its own, which must give Go's offset at every
// instant of the year, through Morocco's Ramadan changes and Europe's
// summer time alike.
func TestTimezoneAgreesWithGo(t *testing.T) {
	for _, zone := range []string{"Africa/Casablanca", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"} {
		t.Run(strings.ReplaceAll(zone, "/", "_"), func(t *testing.T) {
			loc, _ := time.LoadLocation(zone)
			body := write(t, zone, time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC))
			var instants []int64
			for at := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC); at.Year() == 2025; at = at.Add(36 * time.Hour) {
				instants = append(instants, at.Unix())
			}
			var got struct {
				TZIDs   []string `json:"tzids"`
				Offsets []int    `json:"offsets"`
				Start   string   `json:"start"`
			}
			icaltest.Python(t, body, `
tzs = cal.walk("VTIMEZONE")
z = tzs[0].to_tz()
ev = cal.walk("VEVENT")[0]
out = {"tzids": [str(x["TZID"]) for x in tzs], "start": ev.decoded("DTSTART").isoformat(), "offsets": []}
for s in `+jsonInts(instants)+`:
    at = datetime.datetime.fromtimestamp(s, datetime.timezone.utc).astimezone(z)
    out["offsets"].append(int(at.utcoffset().total_seconds()))
print(json.dumps(out))
`, &got)
			if len(got.TZIDs) != 1 || got.TZIDs[0] != zone {
				t.Errorf("time zones %v", got.TZIDs)
			}
			for i, s := range instants {
				_, want := time.Unix(s, 0).In(loc).Zone()
				if got.Offsets[i] != want {
					t.Errorf("%s at %s: python reads offset %d, Go %d", zone, time.Unix(s, 0).UTC(), got.Offsets[i], want)
				}
			}
			wantStart := time.Date(2025, 11, 24, 9, 0, 0, 0, loc).Format("2006-01-02T15:04:05-07:00")
			if got.Start != wantStart {
				t.Errorf("DTSTART reads %s, want %s", got.Start, wantStart)
			}
		})
	}
}

// jsonInts writes numbers as a Python list.
func jsonInts(xs []int64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatInt(x, 10)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
