package report

import (
	"html/template"
	"io"
	"strings"
)

// htmlPage is the standalone HTML report: one file with its style, its
// charts inline and no script, to send or archive.
var htmlPage = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
body{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:start}
svg{max-width:100%;height:auto}
</style></head>
<body>
<h1>{{.Title}}</h1>
<h2>{{.T.figures}}</h2>
<table class="figures">{{range .Figures}}<tr data-figure="{{.Key}}"><th>{{.Label}}</th><td>{{.N}}</td></tr>{{end}}</table>
<p>{{.T.explain}}</p>
<h2>{{.T.regions}}</h2>
{{.RegionChart}}
<table class="regions">{{range .Regions}}<tr><th>{{.Name}}</th><td>{{.N}}</td><td>{{.Names}}</td></tr>{{end}}</table>
{{if .Map}}{{.Map}}{{end}}
<h2>{{.T.topics}}</h2>
<table class="topics">{{range .Topics}}<tr><th>{{.Name}}</th><td>{{.N}}</td></tr>{{end}}</table>
<h2>{{.T.days}}</h2>
{{.DayChart}}
<h2>{{.T.agreements}}</h2>
<ul class="agreements">{{range .Agreements}}<li>{{.SignedOn}}: {{.Title}}{{if .Scope}} ({{.Scope}}){{end}}</li>{{else}}<li>{{$.T.none}}</li>{{end}}</ul>
<h2>{{.T.summary}}</h2>
<div class="summary">{{range .Summary}}<p>{{.}}</p>{{end}}</div>
</body></html>
`))

// htmlRow is a row of a table of the HTML report.
type htmlRow struct {
	Name, Names string
	N           int
}

// WriteHTML writes the report as one standalone HTML document: figures,
// tables, the SVG charts, the map when it can be drawn, and the summary.
func WriteHTML(w io.Writer, r *Report) error {
	l := r.locale()
	d := map[string]any{
		"Lang": r.Lang, "Dir": l.Dir(), "Title": l.T("report.title", "Event", eventName(r)),
		"Figures": FigureRows(r), "Agreements": r.Agreements, "Summary": Paragraphs(r.PressSummary()),
		"RegionChart": template.HTML(RegionChart(r)), "DayChart": template.HTML(DayChart(r)),
		"T": map[string]string{
			"figures": l.T("report.figures"), "explain": l.T("report.figures.explain"),
			"regions": l.T("report.by_region", "Scheme", schemeName(r)), "topics": l.T("report.by_topic"),
			"days": l.T("report.by_day"), "agreements": l.T("report.agreements"),
			"summary": l.T("report.summary"), "none": l.T("report.summary.no_agreements"),
		},
	}
	// The map is drawn by its own writer; a report without it is still whole.
	if svg, err := MapSVG(r); err == nil {
		d["Map"] = template.HTML(svg)
	}
	var regions, topics []htmlRow
	for _, g := range r.ByRegion {
		regions = append(regions, htmlRow{regionName(r, g), strings.Join(plainNames(g.Members, r.Lang), ", "), len(g.Members)})
	}
	if len(r.Organisations) > 0 {
		regions = append(regions, htmlRow{l.T("report.organisations"), strings.Join(plainNames(r.Organisations, r.Lang), ", "), len(r.Organisations)})
	}
	for _, t := range r.ByTopic {
		topics = append(topics, htmlRow{Name: inLang(r.Lang, t.EN, t.FR, t.AR), N: t.N})
	}
	d["Regions"], d["Topics"] = regions, topics
	return htmlPage.Execute(w, d)
}

// Paragraphs splits a text at its blank lines, as the summary is written.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
