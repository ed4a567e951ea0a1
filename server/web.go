package server

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"bilat"
	"bilat/i18n"
)

// The pages are server-rendered from templates parsed once at start-up.
// Every page is the layout around the page's "content" block; a page may
// also define "head" (its own stylesheets and scripts) and blocks that
// htmx requests ask for by name, rendered without the layout.

//go:embed templates static
var assets embed.FS

// views holds the parsed templates of every page and the catalogues.
type views struct {
	pages map[string]*template.Template
	cat   *i18n.Catalog
}

func newViews(cat *i18n.Catalog) (*views, error) {
	base, err := template.New("base").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(assets, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}, cat: cat}
	for _, f := range files {
		t, err := template.Must(base.Clone()).ParseFS(assets, f)
		if err != nil {
			return nil, err
		}
		v.pages[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return v, nil
}

// funcs are the few helpers templates need beyond the view's methods.
var funcs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"join": strings.Join,
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}

// view is what every page template sees: the reader's language, the
// event in context (if any), and the page's own data in Data.
type view struct {
	L     *i18n.Locale
	Title string
	Nav   string // the menu entry to mark as current
	Event *bilat.Event
	Zone  *time.Location // the event's time zone, else UTC
	Path  string         // the page's path, for the language links
	Query string         // its query without lang
	User  *bilat.User    // who is signed in, or nil
	Data  any
}

// Staff reports whether the reader is an administrator or a desk officer.
func (v *view) Staff() bool { return v.User != nil && v.User.Role.Staff() }

// Is reports whether the reader has the role.
func (v *view) Is(role string) bool { return v.User != nil && string(v.User.Role) == role }

// Langs lists the interface languages for the language switcher.
func (v *view) Langs() []string { return i18n.Languages }

// LangURL is the current page in another language.
func (v *view) LangURL(lang string) string {
	q := "lang=" + lang
	if v.Query != "" {
		q = v.Query + "&" + q
	}
	return v.Path + "?" + q
}

// Local returns t in the event's time zone.
func (v *view) Local(t time.Time) time.Time { return t.In(v.Zone) }

// PartnerName is a partner's name in the reader's language.
func (v *view) PartnerName(p *bilat.Partner) string {
	if p == nil {
		return ""
	}
	return inLanguage(v.L.Lang, p.NameEN, p.NameFR, p.NameAR)
}

// EventName is the event's name in the reader's language.
func (v *view) EventName() string {
	if v.Event == nil {
		return ""
	}
	return eventName(v.Event, v.L.Lang)
}

// inLanguage picks, among a record's names in English, French and Arabic,
// the one of lang; English stands in for a name not given.
func inLanguage(lang, en, fr, ar string) string {
	switch {
	case lang == "fr" && fr != "":
		return fr
	case lang == "ar" && ar != "":
		return ar
	}
	return en
}

func eventName(e *bilat.Event, lang string) string {
	return inLanguage(lang, e.NameEN, e.NameFR, e.NameAR)
}

// topicNames maps every topic code to its name in lang.
func (s *Server) topicNames(ctx context.Context, lang string) (map[string]string, error) {
	topics, err := s.desk.ListTopics(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(topics))
	for _, t := range topics {
		names[t.Code] = cmp.Or(inLanguage(lang, t.NameEN, t.NameFR, t.NameAR), t.Code)
	}
	return names, nil
}

// EventURL is a path under the event in context.
func (v *view) EventURL(rest string) string {
	if v.Event == nil {
		return "/"
	}
	return "/events/" + v.Event.Slug + rest
}

// render writes a whole page.
func (s *Server) render(w http.ResponseWriter, status int, page string, v *view) error {
	return s.execute(w, status, page, "layout", v)
}

// renderBlock writes one named block of a page, for htmx.
func (s *Server) renderBlock(w http.ResponseWriter, status int, page, block string, v *view) error {
	return s.execute(w, status, page, block, v)
}

func (s *Server) execute(w http.ResponseWriter, status int, page, block string, v *view) error {
	t, ok := s.views.pages[page]
	if !ok {
		return fmt.Errorf("no page template %q", page)
	}
	redactView(v)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, v); err != nil {
		return fmt.Errorf("page %s: %w", page, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}
