package server

import (
	"io/fs"
	"net/http"
	"strings"
	"time"

	"bilat"
)

// pageFunc serves one page; an error it returns becomes an error page.
type pageFunc func(w http.ResponseWriter, r *http.Request, v *view) error

// pageRoute is one line of the pages' table, with who may see it.
type pageRoute struct {
	method  string
	pattern string
	allow   allow
	serve   pageFunc
}

// pageTable is every page of the desk. Each page file (page_*.go) adds
// its routes through one function listed here.
func (s *Server) pageTable() []pageRoute {
	var out []pageRoute
	parts := []func() []pageRoute{s.homePages, s.loginPages, s.dashboardPages, s.printPages, s.inboxPages,
		s.programmePages, s.meetingPages, s.partnerPages, s.directoryPages, s.setupPages,
		s.portalPages, s.accountPages, s.adminPages, s.auditPages, s.mePages, s.reportPages, s.actionsPages, s.agreementsPages, s.csvPages, s.feedsPages}
	for _, part := range parts {
		out = append(out, part()...)
	}
	return out
}

func (s *Server) homePages() []pageRoute {
	return []pageRoute{
		{"GET", "/{$}", insiders | liaison, s.homePage},
	}
}

// homePage lists the events; a liaison's home is their portal, a
// principal's their own programme.
func (s *Server) homePage(w http.ResponseWriter, r *http.Request, v *view) error {
	switch userOf(r).Role {
	case bilat.RoleLiaison:
		redirect(w, r, "/portal")
		return nil
	case bilat.RolePrincipal:
		redirect(w, r, "/me")
		return nil
	}
	events, _, err := s.desk.ListEvents(r.Context(), bilat.EventFilter{Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		return err
	}
	v.Title, v.Nav, v.Data = v.L.T("events.title"), "events", events
	return s.render(w, http.StatusOK, "home", v)
}

// largeBodies are the page routes that take files, and how much.
var largeBodies = map[string]int64{
	"POST /agreements/{id}/documents": bilat.MaxDocumentSize + 64<<10, // the file and its form
}

// pageBodyLimit is how large a request to a page may be.
func pageBodyLimit(p pageRoute) int64 {
	if n, ok := largeBodies[p.method+" "+p.pattern]; ok {
		return n
	}
	return defaultMaxBody
}

// langCookie keeps the reader's choice of language.
const langCookie = "bilat_lang"

// pageHandler adapts a page to net/http: it picks the language, finds the
// event the path names, and turns errors into error pages.
func (s *Server) pageHandler(p pageRoute) http.Handler {
	return s.sessions.LoadAndSave(s.recovering(func(w http.ResponseWriter, r *http.Request) error {
		r.Body = http.MaxBytesReader(w, r.Body, pageBodyLimit(p))
		r, err := s.identifyPage(r)
		if err != nil {
			return err
		}
		v := s.newView(w, r)
		if ok, err := s.checkPage(p.allow, w, r); !ok {
			if err != nil {
				s.pageError(w, r, v, err)
			}
			return nil
		}
		if r.PathValue("event") != "" {
			e, err := s.event(r)
			if err != nil {
				s.pageError(w, r, v, err)
				return nil
			}
			v.Event = e
			if zone, err := time.LoadLocation(e.Timezone); err == nil {
				v.Zone = zone
			}
		}
		if err := p.serve(w, r, v); err != nil {
			s.pageError(w, r, v, err)
		}
		return nil
	}))
}

// newView starts the view of a request: the language comes from ?lang=
// (remembered in a cookie), else the cookie, else Accept-Language.
func (s *Server) newView(w http.ResponseWriter, r *http.Request) *view {
	chosen := r.URL.Query().Get("lang")
	if chosen != "" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: s.views.cat.Match(chosen, ""), Path: "/",
			MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
	} else if c, err := r.Cookie(langCookie); err == nil {
		chosen = c.Value
	}
	q := r.URL.Query()
	q.Del("lang")
	return &view{
		L:     s.views.cat.Locale(s.views.cat.Match(chosen, r.Header.Get("Accept-Language"))),
		Zone:  time.UTC,
		Path:  r.URL.Path,
		Query: q.Encode(),
		User:  userOf(r),
	}
}

// pageError writes an error as a page (or, for htmx, as a fragment) with
// the status the error's code maps to.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, v *view, err error) {
	code := bilat.ErrorCode(err)
	status, ok := statuses[code]
	if !ok || code == bilat.EINTERNAL {
		code, status = bilat.EINTERNAL, http.StatusInternalServerError
		s.log.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	msg := bilat.ErrorMessage(err)
	if code == bilat.EINTERNAL {
		msg = v.L.T("error.title")
	}
	problems := bilat.ErrorProblems(err)
	for i := range problems {
		problems[i].Message = v.L.Problem(problems[i].Message)
	}
	v.Title, v.Data = v.L.T("error.title"), errorPage{Code: code, Message: msg, Problems: problems}
	block := "layout"
	if r.Header.Get("HX-Request") == "true" {
		block = "error-fragment"
	}
	if err := s.execute(w, status, "error", block, v); err != nil {
		s.log.ErrorContext(r.Context(), "writing an error page", "err", err)
	}
}

// errorPage is the data of the error page.
type errorPage struct {
	Code     string
	Message  string
	Problems []bilat.Problem
}

// staticFiles serves the embedded stylesheets, scripts and vendored htmx.
func staticFiles() http.Handler {
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		panic(err)
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

// secure adds the headers every response carries and refuses requests
// that change something from another site (cross-site request forgery):
// a browser says where a request comes from, and only this site's own
// pages may post to it.
func secure(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "cross-origin request refused", http.StatusForbidden)
	}))
	return cop.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	}))
}
