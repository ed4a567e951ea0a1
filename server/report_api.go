package server

import (
	"net/http"
	"reflect"

	"bilat/report"
)

// reportRoutes are the report's API routes, for staff tokens.
func (s *Server) reportRoutes() []route {
	return []route{
		{"GET", api + "/events/{event}/report", "Get the event's report: figures, regions, topics, days, agreements and press summary (format=json, text, html, pdf or xlsx)", staff, s.reportAPI()},
	}
}

// reportJSON is the report as the API sends it, with its press summary.
type reportJSON struct {
	*report.Report
	Summary string `json:"summary"`
	Edited  bool   `json:"summary_edited"`
}

// reportQuery reads the report's query parameters.
func reportQuery(q *query) (format, lang, scheme string) {
	format = q.text("format", "json (the default), text, html, pdf or xlsx")
	lang = q.text("lang", "en (the default), fr or ar")
	scheme = q.text("scheme", "the slug of a region scheme; the event's own by default")
	return
}

// reportAPI serves the report in a format, language and scheme.
func (s *Server) reportAPI() endpoint {
	return endpoint{
		reply:  reflect.TypeFor[reportJSON](),
		status: http.StatusOK,
		query:  func(q *query) { reportQuery(q) },
		serve: func(w http.ResponseWriter, r *http.Request) error {
			q := newQuery(r)
			format, lang, scheme := reportQuery(q)
			if err := q.err(); err != nil {
				return err
			}
			e, err := s.event(r)
			if err != nil {
				return err
			}
			rep, _, err := s.reportOf(r.Context(), e, scheme, lang)
			if err != nil {
				return err
			}
			if format == "" || format == "json" {
				return writeJSON(w, http.StatusOK, reportJSON{Report: rep, Summary: rep.PressSummary(), Edited: rep.Saved != ""})
			}
			return writeReport(w, rep, format, e.Slug+"-report-"+rep.Lang)
		},
	}
}
