package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the report as plain text in its language: the
// figures with their difference explained, the tables by region, topic
// and day, the agreements, and the press summary.
func WriteText(w io.Writer, r *Report) error {
	l := r.locale()
	bw := bufio.NewWriter(w)
	line := func(format string, args ...any) { fmt.Fprintf(bw, format+"\n", args...) }
	// French puts a space before a colon.
	colon := ":"
	if r.Lang == "fr" {
		colon = "\u00a0:"
	}
	heading := func(s string) { line("\n%s\n%s", s, strings.Repeat("=", len([]rune(s)))) }
	line("%s", l.T("report.title", "Event", eventName(r)))
	heading(l.T("report.figures"))
	for _, f := range FigureRows(r) {
		line("%s%s %d", f.Label, colon, f.N)
	}
	line("%s", l.T("report.figures.explain"))
	heading(l.T("report.by_region", "Scheme", schemeName(r)))
	for _, g := range r.ByRegion {
		line("%s (%d)%s %s", regionName(r, g), len(g.Members), colon, strings.Join(plainNames(g.Members, r.Lang), ", "))
	}
	if len(r.Organisations) > 0 {
		line("%s (%d)%s %s", l.T("report.organisations"), len(r.Organisations), colon, strings.Join(plainNames(r.Organisations, r.Lang), ", "))
	}
	heading(l.T("report.by_topic"))
	for _, t := range r.ByTopic {
		line("%s%s %d", inLang(r.Lang, t.EN, t.FR, t.AR), colon, t.N)
	}
	heading(l.T("report.by_day"))
	for _, d := range r.ByDay {
		line("%s%s %d", l.Day(d.Date), colon, d.Held)
	}
	heading(l.T("report.agreements"))
	for _, a := range r.Agreements {
		line("%s%s %s (%s) %s", a.SignedOn, colon, a.Title, strings.Join(plainNames(a.Parties, r.Lang), ", "), a.Scope)
	}
	if len(r.Agreements) == 0 {
		line("%s", l.T("report.summary.no_agreements"))
	}
	heading(l.T("report.summary"))
	line("%s", r.PressSummary())
	return bw.Flush()
}

// Figure is one labelled headline count.
type Figure struct {
	Key   string // requests, accepted, held, counterparts, countries, met, not_held
	Label string
	N     int
}

// FigureRows are the headline counts, labelled in the report's language,
// for every writer to show the same.
func FigureRows(r *Report) []Figure {
	l := r.locale()
	f := r.Figures
	rows := []Figure{{"requests", "", f.Requests}, {"accepted", "", f.Accepted}, {"held", "", f.Held},
		{"counterparts", "", f.Counterparts}, {"countries", "", f.Countries}, {"met", "", f.Met}, {"not_held", "", f.NotHeld}}
	for i := range rows {
		rows[i].Label = l.T("report.figure." + rows[i].Key)
	}
	return rows
}

// regionName is a group's name in the report's language.
func regionName(r *Report, g Group) string {
	if g.Code == OtherRegion {
		return r.locale().T("report.summary.other_region")
	}
	return inLang(r.Lang, g.EN, g.FR, g.AR)
}
