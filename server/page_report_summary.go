package server

import (
	"net/http"
	"net/url"
	"time"

	"bilat"
	"bilat/i18n"
)

// reportSummaryLang is one language's press summary on the edit page.
type reportSummaryLang struct {
	Lang    string
	Dir     string
	F       *form
	SavedAt time.Time // zero when the text is generated
}

// reportSummaryData is the edit page: one form per language.
type reportSummaryData struct {
	Langs []reportSummaryLang
}

// reportSummaryPage shows the summary in every language, saved or
// generated, each in a textarea.
func (s *Server) reportSummaryPage(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.reportSummaryRender(w, r, v, http.StatusOK, "", nil)
}

// reportSummaryRender draws the edit page; the language failed (if any)
// keeps what was typed and its problem.
func (s *Server) reportSummaryRender(w http.ResponseWriter, r *http.Request, v *view, status int, failed string, f *form) error {
	d := &reportSummaryData{}
	for _, lang := range i18n.Languages {
		rep, at, err := s.reportOf(r.Context(), v.Event, "", lang)
		if err != nil {
			return err
		}
		one := reportSummaryLang{Lang: lang, Dir: s.views.cat.Locale(lang).Dir(), SavedAt: at,
			F: newForm(url.Values{"text": {rep.PressSummary()}, "lang": {lang}})}
		if lang == failed {
			one.F = f
		}
		d.Langs = append(d.Langs, one)
	}
	v.Title, v.Nav, v.Data = v.L.T("report.summary.edit_title", "Event", v.EventName()), "report", d
	return s.render(w, status, "report-summary", v)
}

// reportSummarySave saves the edited text of one language.
func (s *Server) reportSummarySave(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return bilat.Errorf(bilat.EINVALID, "the form could not be read")
	}
	sums, err := s.summaries()
	if err != nil {
		return err
	}
	lang := r.PostForm.Get("lang")
	err = sums.SaveSummary(r.Context(), actor(r), v.Event.ID, lang, r.PostForm.Get("text"))
	if err != nil {
		f := newForm(r.PostForm)
		if f.Fail(v.L, err, "text", "lang") {
			return s.reportSummaryRender(w, r, v, http.StatusUnprocessableEntity, lang, f)
		}
		return err
	}
	redirect(w, r, v.EventURL("/report/summary")+"#summary-"+lang)
	return nil
}

// reportSummaryRegenerate forgets the saved text of one language, so
// that the summary is generated again from the records.
func (s *Server) reportSummaryRegenerate(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return bilat.Errorf(bilat.EINVALID, "the form could not be read")
	}
	sums, err := s.summaries()
	if err != nil {
		return err
	}
	lang := r.PostForm.Get("lang")
	if lang != "en" && lang != "fr" && lang != "ar" {
		return bilat.Errorf(bilat.EINVALID, "lang must be en, fr or ar")
	}
	if err := sums.DeleteSummary(r.Context(), actor(r), v.Event.ID, lang); err != nil {
		return err
	}
	redirect(w, r, v.EventURL("/report/summary")+"#summary-"+lang)
	return nil
}
