package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
)

// Chart sizes, in SVG user units.
const (
	chartWidth = 640
	chartRow   = 26 // height of one bar's row
	chartLabel = 220
	chartPad   = 12
)

// bar is one labelled bar of a chart.
type bar struct {
	label string
	n     int
}

// RegionChart draws the counterparts per region as horizontal bars, the
// organisations as a last bar: plain SVG, no script, labels in the
// report's language and, in Arabic, laid out from the right.
func RegionChart(r *Report) []byte {
	l := r.locale()
	var bars []bar
	for _, g := range r.ByRegion {
		label := inLang(r.Lang, g.EN, g.FR, g.AR)
		if g.Code == OtherRegion {
			label = l.T("report.summary.other_region")
		}
		bars = append(bars, bar{label, len(g.Members)})
	}
	if len(r.Organisations) > 0 {
		bars = append(bars, bar{l.T("report.organisations"), len(r.Organisations)})
	}
	return hbars(l.T("report.chart.regions"), bars, r.Lang == "ar")
}

// DayChart draws the meetings held per day of the event.
func DayChart(r *Report) []byte {
	l := r.locale()
	bars := make([]bar, len(r.ByDay))
	for i, d := range r.ByDay {
		bars[i] = bar{l.Day(d.Date), d.Held}
	}
	return hbars(l.T("report.chart.days"), bars, r.Lang == "ar")
}

// hbars draws a titled horizontal bar chart; rtl mirrors it.
func hbars(title string, bars []bar, rtl bool) []byte {
	top := chartRow + chartPad
	height := top + len(bars)*chartRow + chartPad
	most := 1
	for _, b := range bars {
		most = max(most, b.n)
	}
	span := chartWidth - chartLabel - 3*chartPad - 40
	var buf bytes.Buffer
	dir := "ltr"
	if rtl {
		dir = "rtl"
	}
	fmt.Fprintf(&buf, `<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" direction="%s" font-family="sans-serif" font-size="13">`,
		chartWidth, height, chartWidth, height, esc(title), dir)
	fmt.Fprintf(&buf, `<title>%s</title>`, esc(title))
	// Under direction="rtl", "start" is the right end of a text and "end"
	// its left end: the same anchors mirror the chart.
	titleX := chartPad
	if rtl {
		titleX = chartWidth - chartPad
	}
	fmt.Fprintf(&buf, `<text x="%d" y="%d" font-weight="bold" text-anchor="start">%s</text>`, titleX, chartRow-6, esc(title))
	for i, b := range bars {
		y := top + i*chartRow
		w := b.n * span / most
		labelX, barX, numX := chartLabel, chartLabel+chartPad, chartLabel+2*chartPad+w
		labelAnchor, numAnchor := "end", "start"
		if rtl {
			labelX, barX, numX = chartWidth-chartLabel, chartWidth-chartLabel-chartPad-w, chartWidth-chartLabel-2*chartPad-w
			numAnchor = "end" // the number is written left to right
		}
		fmt.Fprintf(&buf, `<g class="bar"><text x="%d" y="%d" text-anchor="%s">%s</text>`, labelX, y+17, labelAnchor, esc(b.label))
		fmt.Fprintf(&buf, `<rect x="%d" y="%d" width="%d" height="%d" fill="#2f6f8f"/>`, barX, y+4, w, chartRow-8)
		fmt.Fprintf(&buf, `<text x="%d" y="%d" text-anchor="%s" direction="ltr" data-value="%d">%s</text></g>`, numX, y+17, numAnchor, b.n, strconv.Itoa(b.n))
	}
	buf.WriteString(`</svg>`)
	return buf.Bytes()
}

// esc escapes text for SVG.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
