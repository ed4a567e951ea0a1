package server

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"net/http"
	"time"

	"bilat"
	"bilat/report"
)

// The event's report (GET /events/{event}/report): the figures, the
// tables, the SVG charts and map, and the press summary, for staff and
// viewers; the same as text, HTML, PDF and XLSX downloads. The press
// summary is edited at /events/{event}/report/summary (page_report_summary.go).

// reportPages is the report's part of the page table.
func (s *Server) reportPages() []pageRoute {
	return []pageRoute{
		{"GET", "/events/{event}/report", staff | viewer, s.reportPage},
		{"GET", "/events/{event}/report.txt", staff | viewer, s.reportDownload("txt")},
		{"GET", "/events/{event}/report.html", staff | viewer, s.reportDownload("html")},
		{"GET", "/events/{event}/report.pdf", staff | viewer, s.reportDownload("pdf")},
		{"GET", "/events/{event}/report.xlsx", staff | viewer, s.reportDownload("xlsx")},
		{"GET", "/events/{event}/report/summary", staff, s.reportSummaryPage},
		{"POST", "/events/{event}/report/summary", staff, s.reportSummarySave},
		{"POST", "/events/{event}/report/summary/regenerate", staff, s.reportSummaryRegenerate},
	}
}

// reportSummaries is what the report needs of the store to keep the
// press summaries the desk edited (store/summary.go).
type reportSummaries interface {
	SavedSummary(ctx context.Context, eventID int64, lang string) (string, time.Time, error)
	SaveSummary(ctx context.Context, a bilat.Actor, eventID int64, lang, text string) error
	DeleteSummary(ctx context.Context, a bilat.Actor, eventID int64, lang string) error
}

// summaries returns the store of saved summaries, or an error when the
// desk keeps none.
func (s *Server) summaries() (reportSummaries, error) {
	if x, ok := s.desk.(reportSummaries); ok {
		return x, nil
	}
	return nil, bilat.Errorf(bilat.EINTERNAL, "this desk does not keep press summaries")
}

// reportOf builds the report of an event in lang under a scheme ("" for
// the event's own), with the press summary as saved, if it is.
func (s *Server) reportOf(ctx context.Context, e *bilat.Event, scheme, lang string) (*report.Report, time.Time, error) {
	r, err := report.Build(ctx, s.desk, e.ID, scheme, lang)
	if err != nil {
		return nil, time.Time{}, err
	}
	sums, err := s.summaries()
	if err != nil {
		return r, time.Time{}, nil
	}
	text, at, err := sums.SavedSummary(ctx, e.ID, r.Lang)
	if err != nil && bilat.ErrorCode(err) != bilat.ENOTFOUND {
		return nil, time.Time{}, err
	}
	r.Saved = text
	return r, at, nil
}

// reportData is what the report page draws.
type reportData struct {
	R           *report.Report
	Figures     []report.Figure
	Schemes     []*bilat.RegionScheme
	Scheme      string // the slug of the scheme used
	SchemeName  string // its name in the reader's language
	RegionChart template.HTML
	DayChart    template.HTML
	Map         template.HTML
	Summary     []string
	SavedAt     time.Time
	Query       string // ?scheme= for the download links
}

// reportPage serves the report in the reader's language.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, v *view) error {
	scheme := r.URL.Query().Get("scheme")
	rep, at, err := s.reportOf(r.Context(), v.Event, scheme, v.L.Lang)
	if err != nil {
		return err
	}
	schemes, err := s.desk.ListSchemes(r.Context())
	if err != nil {
		return err
	}
	d := &reportData{R: rep, Figures: report.FigureRows(rep), Schemes: schemes, Scheme: rep.Scheme.Slug,
		SchemeName:  inLanguage(rep.Lang, rep.Scheme.NameEN, rep.Scheme.NameFR, rep.Scheme.NameAR),
		RegionChart: template.HTML(report.RegionChart(rep)), DayChart: template.HTML(report.DayChart(rep)),
		Summary: report.Paragraphs(rep.PressSummary()), SavedAt: at}
	d.Query = "?scheme=" + template.URLQueryEscaper(rep.Scheme.Slug)
	// The map is drawn by its own writer; the page stands without it.
	if svg, err := report.MapSVG(rep); err == nil {
		d.Map = template.HTML(svg)
	}
	v.Title, v.Nav, v.Data = v.L.T("report.title", "Event", v.EventName()), "report", d
	return s.render(w, http.StatusOK, "report", v)
}

// reportFormats are the downloads: content type and writer.
var reportFormats = map[string]struct {
	contentType string
	write       func(io.Writer, *report.Report) error
}{
	"txt":  {"text/plain; charset=utf-8", report.WriteText},
	"text": {"text/plain; charset=utf-8", report.WriteText},
	"html": {"text/html; charset=utf-8", report.WriteHTML},
	"pdf":  {"application/pdf", report.WritePDF},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.WriteXLSX},
}

// reportDownload serves the report as a file in a format.
func (s *Server) reportDownload(format string) pageFunc {
	return func(w http.ResponseWriter, r *http.Request, v *view) error {
		rep, _, err := s.reportOf(r.Context(), v.Event, r.URL.Query().Get("scheme"), v.L.Lang)
		if err != nil {
			return err
		}
		return writeReport(w, rep, format, v.Event.Slug+"-report-"+rep.Lang)
	}
}

// writeReport writes a report in a format as an attachment named name.
// It writes to memory first, so that a failing writer still becomes an
// error page rather than half a file.
func writeReport(w http.ResponseWriter, rep *report.Report, format, name string) error {
	f, ok := reportFormats[format]
	if !ok {
		return bilat.Errorf(bilat.EINVALID, "format %q is not one of json, text, html, pdf, xlsx", format)
	}
	var buf bytes.Buffer
	if err := f.write(&buf, rep); err != nil {
		return err
	}
	ext := format
	if ext == "text" {
		ext = "txt"
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+ext+`"`)
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(buf.Bytes())
	return err
}
