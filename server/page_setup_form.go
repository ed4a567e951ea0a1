package server

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"bilat"
)

// The directory's and the set-up's forms share one way of working: a GET
// shows the form filled from the record (or empty), a POST saves it and
// redirects (Post/Redirect/Get), and a setupRefused save shows the form again
// with what was typed and each problem beside its field. With htmx the
// form swaps itself in place and a saved form follows HX-Redirect.

// setupEdit is the data of a create or edit form.
type setupEdit struct {
	Part     string // setup or directory: the page part, its templates and keys
	Kind     string // room, venue, session, delegation, person, organisation, partner
	New      bool
	Action   string // where the form posts
	Back     string // where cancel leads
	Done     string // where a saved form leads
	F        *form
	Conflict string // the store's message when the record changed meanwhile
	Options  map[string][]option
	Travel   []setupTravelRow // a venue's minutes to each other venue
	Partner  *bilat.Partner   // the partner annotated (its names are shown, not edited)
	Parse    map[string]bool  // fields whose typed text could not be read
}

// newSetupEdit starts the data of a form; a form posting to a path ending
// in /new creates a record, any other edits one.
func newSetupEdit(part, kind, action, back, done string, values url.Values) *setupEdit {
	return &setupEdit{Part: part, Kind: kind, New: strings.HasSuffix(action, "/new"), Action: action, Back: back, Done: done,
		F: newForm(values), Options: map[string][]option{}, Parse: map[string]bool{}}
}

// show renders the form: its page is the part's "-form" page.
func (s *Server) setupShow(w http.ResponseWriter, v *view, d *setupEdit) error {
	d.label(v)
	return s.render(w, http.StatusOK, d.Part+"-form", v)
}

// label gives the view the form's title, menu entry and data.
func (d *setupEdit) label(v *view) {
	action := "edit"
	if d.New {
		action = "new"
	}
	v.Title, v.Nav, v.Data = v.L.T(d.Part+"."+d.Kind+"."+action), d.Part, d
}

// setupSubmit ends a posted form: when every field could be read and save
// succeeds it redirects to d.Done; otherwise it reloads the form's choices
// with options and shows the form again with the problems.
func (s *Server) setupSubmit(w http.ResponseWriter, r *http.Request, v *view, d *setupEdit, validate, save func() error, options func(*setupEdit) error, fields ...string) error {
	err := d.parseErr(validate)
	if err == nil {
		err = save()
	}
	if err == nil {
		return setupSaved(w, r, d.Done)
	}
	if err := options(d); err != nil {
		return err
	}
	return s.setupRefused(w, r, v, d, err, fields...)
}

// Selected reports whether value is among the choices of a multiple select.
func (d *setupEdit) Selected(field, value string) bool {
	return contains(d.F.Values[field], value)
}

// setupIsHTMX reports whether htmx sent the request.
func setupIsHTMX(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }

// saved ends a successful post: a plain form is redirected (303) so that
// reloading does not post again; htmx follows HX-Redirect.
func setupSaved(w http.ResponseWriter, r *http.Request, to string) error {
	if setupIsHTMX(r) {
		w.Header().Set("HX-Redirect", to)
		w.WriteHeader(http.StatusOK)
		return nil
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// setupRefused shows a form again after its save failed: invalid input puts
// each problem beside its field, a stale version says so above the form.
// Other errors are returned to become an error page. A plain post answers
// 422; htmx gets 200 and only the form, as htmx swaps only successes.
func (s *Server) setupRefused(w http.ResponseWriter, r *http.Request, v *view, d *setupEdit, err error, fields ...string) error {
	switch {
	case d.F.Fail(v.L, err, fields...):
	case bilat.ErrorCode(err) == bilat.ECONFLICT:
		d.Conflict = bilat.ErrorMessage(err)
	default:
		return err
	}
	d.label(v)
	page := d.Part + "-form"
	if setupIsHTMX(r) {
		return s.renderBlock(w, http.StatusOK, page, page+"-body", v)
	}
	return s.render(w, http.StatusUnprocessableEntity, page, v)
}

// readFailed records that the text typed in a field could not be read;
// the message is ours, so it is in the reader's language.
func (d *setupEdit) readFailed(v *view, field, key string) {
	d.F.Problems[field] = v.L.T(key)
	d.Parse[field] = true
}

// parseErr is the invalid-input error of the fields that could not be
// read, merged with the record's own validation so that every problem
// shows at once; nil when everything was read.
func (d *setupEdit) parseErr(validate func() error) error {
	if len(d.Parse) == 0 {
		return nil
	}
	var problems []bilat.Problem
	for _, p := range bilat.ErrorProblems(validate()) {
		if !d.Parse[p.Field] {
			problems = append(problems, p)
		}
	}
	return &bilat.Error{Code: bilat.EINVALID, Message: "invalid input", Problems: problems}
}

// intField reads a whole number; blank reads as zero.
func (d *setupEdit) intField(v *view, field string) int {
	s := strings.TrimSpace(d.F.Value(field))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		d.readFailed(v, field, "setup.error.number")
	}
	return n
}

// idField reads a record id chosen in a select; blank reads as zero.
func (d *setupEdit) idField(v *view, field string) int64 {
	return int64(d.intField(v, field))
}

// idsField reads the ids chosen in a multiple select.
func (d *setupEdit) idsField(v *view, field string) []int64 {
	out := []int64{}
	for _, s := range d.F.Values[field] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			d.readFailed(v, field, "setup.error.number")
			continue
		}
		out = append(out, id)
	}
	return out
}

// timeField reads a datetime-local input in the event's time zone.
func (d *setupEdit) timeField(v *view, field string) time.Time {
	s := strings.TrimSpace(d.F.Value(field))
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(setupLocalLayout, s, v.Zone)
	if err != nil {
		d.readFailed(v, field, "setup.error.time")
	}
	return t
}

// setupLocalLayout is how datetime-local inputs write a time.
const setupLocalLayout = "2006-01-02T15:04"

// setupLocalInput writes a time for a datetime-local input in the event's zone.
func setupLocalInput(v *view, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return v.Local(t).Format(setupLocalLayout)
}

// lines splits a textarea into its non-blank lines (aliases, one a line).
func setupLines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// words splits a list typed with commas or spaces (features, languages).
func setupWords(s string) []string {
	out := []string{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '\r' }) {
		out = append(out, w)
	}
	return out
}

// id writes a record id for a form value; zero is blank.
func setupID(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// version reads the version the form was filled from.
func setupVersion(f *form) int {
	n, _ := strconv.Atoi(f.Value("version"))
	return n
}

// setupInEvent puts an event's name and time zone into the view of a page whose
// path names a record of the event rather than the event itself.
func (s *Server) setupInEvent(ctx context.Context, v *view, eventID int64) error {
	e, err := s.desk.Event(ctx, eventID)
	if err != nil {
		return err
	}
	v.Event = e
	if zone, err := e.Location(); err == nil {
		v.Zone = zone
	}
	return nil
}

// setupSort orders choices by their label in the reader's language.
func setupSort(v *view, opts []option) []option {
	c := collate.New(language.Make(v.L.Lang), collate.IgnoreCase, collate.IgnoreDiacritics)
	sort.SliceStable(opts, func(i, j int) bool { return c.CompareString(opts[i].Label, opts[j].Label) < 0 })
	return opts
}

// setupPartnerOptions lists every partner by its name in the reader's language.
func (s *Server) setupPartnerOptions(ctx context.Context, v *view, blank bool) ([]option, error) {
	partners, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Partner, int, error) {
		return s.desk.ListPartners(ctx, bilat.PartnerFilter{Page: p})
	})
	if err != nil {
		return nil, err
	}
	opts := make([]option, 0, len(partners))
	for _, p := range partners {
		opts = append(opts, option{Value: setupID(p.ID), Label: v.PartnerName(p)})
	}
	return setupWithBlank(v, blank, setupSort(v, opts)), nil
}

// setupPeopleOptions lists every person with the partner they belong to.
func (s *Server) setupPeopleOptions(ctx context.Context, v *view, blank bool) ([]option, error) {
	people, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Person, int, error) {
		return s.desk.ListPeople(ctx, bilat.PersonFilter{Page: p})
	})
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	opts := make([]option, 0, len(people))
	for _, p := range people {
		if _, ok := names[p.PartnerID]; !ok {
			partner, err := s.desk.Partner(ctx, p.PartnerID)
			if err != nil {
				return nil, err
			}
			names[p.PartnerID] = v.PartnerName(partner)
		}
		opts = append(opts, option{Value: setupID(p.ID), Label: p.Name + " — " + names[p.PartnerID]})
	}
	return setupWithBlank(v, blank, setupSort(v, opts)), nil
}

// setupWithBlank puts a "none" choice first when the field may stay empty.
func setupWithBlank(v *view, blank bool, opts []option) []option {
	if !blank {
		return opts
	}
	return append([]option{{Value: "", Label: v.L.T("setup.none")}}, opts...)
}
