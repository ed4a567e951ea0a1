package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bilat"
)

// directoryPages are the desk's directory: people (with their aliases) and
// partners. Countries and territories are built in: only their aliases and
// notes can change; organisations are created and edited in full.
func (s *Server) directoryPages() []pageRoute {
	return []pageRoute{
		{"GET", "/directory", staff, s.directoryList},
		{"GET", "/people/new", staff, s.directoryPersonNew},
		{"POST", "/people/new", staff, s.directoryPersonCreate},
		{"GET", "/people/{id}/edit", staff, s.directoryPersonEdit},
		{"POST", "/people/{id}/edit", staff, s.directoryPersonUpdate},
		{"GET", "/partners/new", staff, s.directoryPartnerNew},
		{"POST", "/partners/new", staff, s.directoryPartnerCreate},
		{"GET", "/partners/{partner}/edit", staff, s.directoryPartnerEdit},
		{"POST", "/partners/{partner}/edit", staff, s.directoryPartnerUpdate},
	}
}

// directoryShown caps the partners a search lists: the directory is for
// finding one, the partners' page lists them all.
const directoryShown = 50

// directoryData is the data of the directory page.
type directoryData struct {
	Query         string
	People        []*bilat.Person
	Partners      []*bilat.Partner // organisations, or the partners found
	PartnersTotal int
	Saved         string
	partners      map[int64]*bilat.Partner
}

// PartnerOf is the partner a person belongs to.
func (d *directoryData) PartnerOf(p *bilat.Person) *bilat.Partner { return d.partners[p.PartnerID] }

// directoryList lists the people, and the organisations (or, with a
// search, the partners whose name, code or alias matches).
func (s *Server) directoryList(w http.ResponseWriter, r *http.Request, v *view) error {
	ctx := r.Context()
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	d := &directoryData{Query: q, Saved: r.URL.Query().Get("saved"), partners: map[int64]*bilat.Partner{}}
	var err error
	d.People, err = all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Person, int, error) {
		return s.desk.ListPeople(ctx, bilat.PersonFilter{Query: q, Page: p})
	})
	if err != nil {
		return err
	}
	for _, p := range d.People {
		if d.partners[p.PartnerID] == nil {
			if d.partners[p.PartnerID], err = s.desk.Partner(ctx, p.PartnerID); err != nil {
				return err
			}
		}
	}
	if d.Partners, d.PartnersTotal, err = s.directoryPartners(ctx, q); err != nil {
		return err
	}
	v.Title, v.Nav, v.Data = v.L.T("directory.title"), "directory", d
	return s.render(w, http.StatusOK, "directory", v)
}

// directoryPartners lists the partners a search finds (at most
// directoryShown of them), or without a search every organisation.
func (s *Server) directoryPartners(ctx context.Context, q string) ([]*bilat.Partner, int, error) {
	if q != "" {
		return s.desk.ListPartners(ctx, bilat.PartnerFilter{Query: q, Page: bilat.Page{Limit: directoryShown}})
	}
	var out []*bilat.Partner
	for _, kind := range bilat.PartnerKinds {
		if kind.IsGeographic() {
			continue
		}
		xs, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Partner, int, error) {
			return s.desk.ListPartners(ctx, bilat.PartnerFilter{Kind: kind, Page: p})
		})
		if err != nil {
			return nil, 0, err
		}
		out = append(out, xs...)
	}
	return out, len(out), nil
}

// directoryEdit starts a directory form.
func directoryEdit(kind, action string, values url.Values) *setupEdit {
	return newSetupEdit("directory", kind, action, "/directory", "/directory?saved="+kind, values)
}

// People.

var directoryPersonFields = []string{"partner_id", "name", "title", "languages", "email", "phone", "aliases", "notes", "notes_restricted"}

// directoryPersonValues is the form of a stored person.
func directoryPersonValues(p *bilat.Person) url.Values {
	return url.Values{"partner_id": {setupID(p.PartnerID)}, "name": {p.Name}, "title": {p.Title},
		"languages": {strings.Join(p.Languages, ", ")}, "email": {p.Email}, "phone": {p.Phone},
		"aliases": {strings.Join(p.Aliases, "\n")}, "notes": {p.Notes}, "notes_restricted": restrictedValue(p.NotesRestricted),
		"version": {strconv.Itoa(p.Version)}}
}

// person fills a person from the form: aliases one a line, languages
// separated by commas or spaces.
func (d *setupEdit) person(v *view, p *bilat.Person) {
	p.PartnerID = d.idField(v, "partner_id")
	p.Name = strings.TrimSpace(d.F.Value("name"))
	p.Title = strings.TrimSpace(d.F.Value("title"))
	p.Languages = setupWords(strings.ToLower(d.F.Value("languages")))
	p.Email = strings.TrimSpace(d.F.Value("email"))
	p.Phone = strings.TrimSpace(d.F.Value("phone"))
	p.Aliases = setupLines(d.F.Value("aliases"))
	p.Notes = strings.TrimSpace(d.F.Value("notes"))
	p.NotesRestricted = restrictedChecked(d.F)
	p.Version = setupVersion(d.F)
}

// directoryPersonOptions loads the choices of the person form.
func (s *Server) directoryPersonOptions(r *http.Request, v *view) func(*setupEdit) error {
	return func(d *setupEdit) (err error) {
		d.Options["partner_id"], err = s.setupPartnerOptions(r.Context(), v, true)
		return err
	}
}

// directoryPersonNew shows the form of a new person; ?partner= preselects
// the partner.
func (s *Server) directoryPersonNew(w http.ResponseWriter, r *http.Request, v *view) error {
	d := directoryEdit("person", "/people/new", url.Values{"partner_id": {r.URL.Query().Get("partner")}})
	if err := s.directoryPersonOptions(r, v)(d); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// directoryPersonCreate saves a new person.
func (s *Server) directoryPersonCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := directoryEdit("person", "/people/new", values)
	p := &bilat.Person{}
	d.person(v, p)
	save := func() error { return s.desk.CreatePerson(r.Context(), actor(r), p) }
	return s.setupSubmit(w, r, v, d, p.Validate, save, s.directoryPersonOptions(r, v), directoryPersonFields...)
}

// directoryPersonEdit shows the form of a stored person.
func (s *Server) directoryPersonEdit(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := byID(s.desk.Person)(r)
	if err != nil {
		return err
	}
	d := directoryEdit("person", r.URL.Path, directoryPersonValues(p))
	if err := s.directoryPersonOptions(r, v)(d); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// directoryPersonUpdate saves a stored person, refused when it changed
// since the form was filled (the version it carries).
func (s *Server) directoryPersonUpdate(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := byID(s.desk.Person)(r)
	if err != nil {
		return err
	}
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := directoryEdit("person", r.URL.Path, values)
	d.person(v, p)
	save := func() error { return s.desk.UpdatePerson(r.Context(), actor(r), p) }
	return s.setupSubmit(w, r, v, d, p.Validate, save, s.directoryPersonOptions(r, v), directoryPersonFields...)
}

// Partners. An organisation's form has every field; a country's or
// territory's only its aliases and notes, its names shown as text.

var directoryPartnerFields = []string{"kind", "code", "name_en", "name_fr", "name_ar", "seat_country", "aliases", "notes", "notes_restricted"}

// directoryPartnerValues is the form of a stored partner.
func directoryPartnerValues(p *bilat.Partner) url.Values {
	return url.Values{"kind": {string(p.Kind)}, "code": {p.Code}, "name_en": {p.NameEN}, "name_fr": {p.NameFR},
		"name_ar": {p.NameAR}, "seat_country": {p.SeatCountry}, "aliases": {strings.Join(p.Aliases, "\n")},
		"notes": {p.Notes}, "notes_restricted": restrictedValue(p.NotesRestricted), "version": {strconv.Itoa(p.Version)}}
}

// partner fills a partner from the form. Fields the form did not send
// keep their stored value, so a country's form changes only its aliases
// and notes; a forged post that sends a country's names on is refused by
// the store, which keeps the built-in names.
func (d *setupEdit) partner(v *view, p *bilat.Partner) {
	text := func(field string, into *string) {
		if _, ok := d.F.Values[field]; ok {
			*into = strings.TrimSpace(d.F.Value(field))
		}
	}
	if _, ok := d.F.Values["kind"]; ok {
		p.Kind = bilat.PartnerKind(d.F.Value("kind"))
	}
	text("code", &p.Code)
	p.Code = strings.ToUpper(p.Code)
	text("name_en", &p.NameEN)
	text("name_fr", &p.NameFR)
	text("name_ar", &p.NameAR)
	text("seat_country", &p.SeatCountry)
	p.SeatCountry = strings.ToUpper(p.SeatCountry)
	p.Aliases = setupLines(d.F.Value("aliases"))
	p.Notes = strings.TrimSpace(d.F.Value("notes"))
	p.NotesRestricted = restrictedChecked(d.F)
	p.Version = setupVersion(d.F)
}

// directoryPartnerOptions loads the kinds an organisation may have.
func directoryPartnerOptions(v *view) func(*setupEdit) error {
	return func(d *setupEdit) error {
		d.Options["kind"] = nil
		for _, k := range bilat.PartnerKinds {
			if !k.IsGeographic() {
				d.Options["kind"] = append(d.Options["kind"], option{Value: string(k), Label: v.L.T("directory.kind." + string(k))})
			}
		}
		return nil
	}
}

// directoryPartnerNew shows the form of a new organisation.
func (s *Server) directoryPartnerNew(w http.ResponseWriter, r *http.Request, v *view) error {
	d := directoryEdit("organisation", "/partners/new", url.Values{"kind": {string(bilat.KindInternational)}})
	_ = directoryPartnerOptions(v)(d) // never fails: the kinds are fixed
	return s.setupShow(w, v, d)
}

// directoryPartnerCreate saves a new organisation.
func (s *Server) directoryPartnerCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := directoryEdit("organisation", "/partners/new", values)
	p := &bilat.Partner{}
	d.partner(v, p)
	save := func() error { return s.desk.CreatePartner(r.Context(), actor(r), p) }
	return s.setupSubmit(w, r, v, d, p.Validate, save, directoryPartnerOptions(v), directoryPartnerFields...)
}

// directoryPartnerForm starts the edit form of a stored partner: a
// country's or territory's is the "partner" kind of form (aliases and
// notes), an organisation's the full one.
func directoryPartnerForm(v *view, r *http.Request, p *bilat.Partner, values url.Values) *setupEdit {
	kind := "organisation"
	if p.Kind.IsGeographic() {
		kind = "partner"
	}
	d := directoryEdit(kind, r.URL.Path, values)
	d.Partner = p
	_ = directoryPartnerOptions(v)(d) // never fails: the kinds are fixed
	return d
}

// directoryPartnerEdit shows the form of a stored partner.
func (s *Server) directoryPartnerEdit(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := s.partner(r)
	if err != nil {
		return err
	}
	return s.setupShow(w, v, directoryPartnerForm(v, r, p, directoryPartnerValues(p)))
}

// directoryPartnerUpdate saves a stored partner.
func (s *Server) directoryPartnerUpdate(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := s.partner(r)
	if err != nil {
		return err
	}
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	shown := *p
	d := directoryPartnerForm(v, r, &shown, values)
	d.partner(v, p)
	save := func() error { return s.desk.UpdatePartner(r.Context(), actor(r), p) }
	fields := directoryPartnerFields
	if d.Kind == "partner" {
		fields = []string{"aliases", "notes", "notes_restricted"} // a country's other problems are listed above its form
	}
	return s.setupSubmit(w, r, v, d, p.Validate, save, directoryPartnerOptions(v), fields...)
}
