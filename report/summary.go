package report

import (
	"strings"
	"sync"

	"bilat"
	"bilat/i18n"
)

// catalog is the messages of the summary and the writers, read once.
var catalog = sync.OnceValue(i18n.MustLoad)

// locale speaks the report's language.
func (r *Report) locale() *i18n.Locale { return catalog().Locale(r.Lang) }

// Summary is the press summary in the report's language: paragraphs
// separated by a blank line, in the shape of a ministry communiqué.
func Summary(r *Report) string { return strings.Join(SummaryParagraphs(r), "\n\n") }

// SummaryParagraphs is the press summary, one paragraph a string: the
// lead with the counts, what makes the counts differ, the counterparts by
// region, the multilateral partners, the topics and the agreements.
func SummaryParagraphs(r *Report) []string {
	l := r.locale()
	out := []string{l.T("report.summary.title", "Event", eventName(r)), r.lead(l)}
	out = append(out, r.differences(l)...)
	if len(r.ByRegion) > 0 {
		out = append(out, l.T("report.summary.regions", "Scheme", schemeName(r)))
		for _, g := range r.ByRegion {
			out = append(out, r.regionLine(l, g))
		}
	}
	if len(r.Organisations) > 0 {
		out = append(out, l.N("report.summary.organisations", len(r.Organisations), "List", r.list(plainNames(r.Organisations, r.Lang))))
	}
	if len(r.ByTopic) > 0 {
		topics := make([]string, len(r.ByTopic))
		for i, t := range r.ByTopic {
			topics[i] = inLang(r.Lang, t.EN, t.FR, t.AR)
		}
		out = append(out, l.T("report.summary.topics", "List", r.list(topics)))
	}
	return append(out, r.agreementLines(l)...)
}

// eventName is the event's name in the report's language.
func eventName(r *Report) string {
	return inLang(r.Lang, r.Event.NameEN, r.Event.NameFR, r.Event.NameAR)
}

// schemeName is the scheme's name in the report's language.
func schemeName(r *Report) string {
	if r.Scheme == nil {
		return ""
	}
	return inLang(r.Lang, r.Scheme.NameEN, r.Scheme.NameFR, r.Scheme.NameAR)
}

// inLang picks the name of lang among three, English standing in.
func inLang(lang, en, fr, ar string) string {
	return Name{EN: en, FR: fr, AR: ar}.In(lang)
}

// lead says where and when, how many meetings were held and how many
// counterparts are named.
func (r *Report) lead(l *i18n.Locale) string {
	host := r.Host.In(r.Lang)
	if host == "" {
		host = l.T("report.summary.the_host")
	}
	first, _ := bilat.ParseDate(r.Event.FirstDay)
	last, _ := bilat.ParseDate(r.Event.LastDay)
	s := l.T("report.summary.lead", "Event", eventName(r), "City", cityIn(r.Event, r.Lang),
		"First", l.Date(first), "Last", l.Date(last), "Host", host,
		"Meetings", l.N("report.summary.meetings", r.Figures.Held))
	var parts []string
	if n := r.Figures.Countries; n > 0 {
		parts = append(parts, l.N("report.summary.countries", n))
	}
	if n := r.Figures.Counterparts - r.Figures.Countries; n > 0 {
		parts = append(parts, l.N("report.summary.organisations_count", n))
	}
	if len(parts) > 0 {
		s += " " + l.T("report.summary.named", "Counterparts", l.N("report.summary.counterparts", r.Figures.Counterparts), "Parts", r.list(parts))
	}
	return s
}

// differences says plainly why the counts of meetings and counterparts
// differ, when they do.
func (r *Report) differences(l *i18n.Locale) []string {
	f := r.Figures
	var out []string
	if f.Claimed > 0 && f.Claimed != f.Held {
		out = append(out, l.T("report.summary.claimed", "Claimed", l.N("report.summary.meetings", f.Claimed), "Held", l.N("report.summary.meetings", f.Held)))
	}
	if f.NotHeld > 0 {
		out = append(out, l.N("report.summary.not_held", f.NotHeld,
			"Counterparts", l.N("report.summary.counterparts", f.Counterparts), "Meetings", l.N("report.summary.meetings", f.Held)))
	}
	if f.SeveralParties > 0 {
		out = append(out, l.N("report.summary.several_parties", f.SeveralParties))
	}
	if f.SeveralMeetings > 0 {
		out = append(out, l.N("report.summary.several_meetings", f.SeveralMeetings))
	}
	return out
}

// regionLine names a region's countries: in French each with the form
// "de" takes before it (d'Allemagne, du Danemark, des Bahamas).
func (r *Report) regionLine(l *i18n.Locale, g Group) string {
	region := inLang(r.Lang, g.EN, g.FR, g.AR)
	if g.Code == OtherRegion {
		region = l.T("report.summary.other_region")
	}
	names := plainNames(g.Members, r.Lang)
	if r.Lang == "fr" {
		for i, n := range g.Members {
			names[i] = FrenchDe(n.Code, n.FR)
		}
	}
	return l.T("report.summary.region", "Region", region, "Countries", l.N("report.summary.countries", len(g.Members)), "List", r.list(names))
}

// agreementLines announce the agreements signed, or that none was.
func (r *Report) agreementLines(l *i18n.Locale) []string {
	if len(r.Agreements) == 0 {
		return []string{l.T("report.summary.no_agreements")}
	}
	out := []string{l.N("report.summary.agreements", len(r.Agreements))}
	for _, a := range r.Agreements {
		with := make([]string, len(a.Parties))
		for i, p := range a.Parties {
			with[i] = p.In(r.Lang)
			if r.Lang == "fr" && p.Country {
				with[i] = FrenchWithArticle(p.Code, p.FR)
			}
		}
		key := "report.summary.agreement"
		if a.Scope == "" {
			key = "report.summary.agreement_no_scope"
		}
		out = append(out, "– "+l.T(key, "Kind", l.T("report.kind."+a.Kind), "With", r.list(with), "Scope", a.Scope))
	}
	return out
}

// plainNames are the names in lang.
func plainNames(names []Name, lang string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n.In(lang)
	}
	return out
}

// list joins items as the language writes a list: "A, B and C",
// "A, B et C", "A وB وC" (in Arabic the conjunction is joined to the word).
func (r *Report) list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	head, last := items[:len(items)-1], items[len(items)-1]
	switch r.Lang {
	case "fr":
		return strings.Join(head, ", ") + " et " + last
	case "ar":
		return strings.Join(head, "، ") + " و" + last
	}
	return strings.Join(head, ", ") + " and " + last
}

// cityIn is the event's city in lang, as written in English when it has
// no other name there.
func cityIn(e *bilat.Event, lang string) string {
	switch {
	case lang == "fr" && e.CityFR != "":
		return e.CityFR
	case lang == "ar" && e.CityAR != "":
		return e.CityAR
	}
	return e.City
}
