package bilat

import (
	"context"
	"strings"
)

// PartnerKind says what sort of counterpart a partner is.
type PartnerKind string

// Partner kinds. Countries and territories come from the built-in ISO 3166-1
// list; the other kinds are created by the desk.
const (
	KindCountry        PartnerKind = "country"
	KindTerritory      PartnerKind = "territory"
	KindInternational  PartnerKind = "international_organisation"
	KindRegional       PartnerKind = "regional_organisation"
	KindUniversity     PartnerKind = "university"
	KindNationalAgency PartnerKind = "national_agency"
	KindOther          PartnerKind = "other"
)

// PartnerKinds lists every kind, in display order.
var PartnerKinds = []PartnerKind{KindCountry, KindTerritory, KindInternational, KindRegional, KindUniversity, KindNationalAgency, KindOther}

// IsGeographic reports whether the kind is a country or territory.
func (k PartnerKind) IsGeographic() bool { return k == KindCountry || k == KindTerritory }

// Partner is a counterpart: a country or territory, or an organisation.
type Partner struct {
	Record
	Kind PartnerKind `json:"kind"`
	// Code is unique: the ISO alpha-2 code for countries and territories,
	// an upper-case mnemonic (INTERPOL, CAIM) for organisations.
	Code    string `json:"code"`
	Alpha3  string `json:"alpha3,omitempty"`
	Numeric string `json:"numeric,omitempty"`
	NameEN  string `json:"name_en"`
	NameFR  string `json:"name_fr"`
	NameAR  string `json:"name_ar"`
	// Region and Subregion are UN M49 codes (countries only).
	Region    string `json:"region,omitempty"`
	Subregion string `json:"subregion,omitempty"`
	// UNStatus is member, observer or none.
	UNStatus string `json:"un_status,omitempty"`
	// SeatCountry is the alpha-2 code of the country an organisation sits in.
	SeatCountry string   `json:"seat_country,omitempty"`
	Aliases     []string `json:"aliases"`
	Notes       string   `json:"notes,omitempty"`
	// NotesRestricted keeps the notes to administrators and desk officers.
	NotesRestricted bool `json:"notes_restricted,omitempty"`
}

// Name returns the partner's name in lang (en, fr, ar), falling back to English.
func (p *Partner) Name(lang string) string {
	switch {
	case lang == "fr" && p.NameFR != "":
		return p.NameFR
	case lang == "ar" && p.NameAR != "":
		return p.NameAR
	}
	return p.NameEN
}

// Validate checks the partner's fields.
func (p *Partner) Validate() error {
	v := NewProblems("")
	p.validate(v)
	return v.Err("partner")
}

func (p *Partner) validate(v Problems) {
	v.Check(validKind(p.Kind), "kind", "must be one of %s", joinKinds())
	v.Required(p.Code, "code")
	v.Check(p.Code == "" || codePattern.MatchString(p.Code), "code", "must be upper-case letters, digits and hyphens, such as INTERPOL")
	v.MaxLen(p.Code, "code", 32)
	v.Required(p.NameEN, "name_en")
	v.MaxLen(p.NameEN, "name_en", 200)
	v.MaxLen(p.NameFR, "name_fr", 200)
	v.MaxLen(p.NameAR, "name_ar", 200)
	v.Check(p.UNStatus == "" || p.UNStatus == "member" || p.UNStatus == "observer" || p.UNStatus == "none", "un_status", "must be member, observer or none")
	v.Check(p.SeatCountry == "" || len(p.SeatCountry) == 2, "seat_country", "must be an ISO alpha-2 code")
	for i, a := range p.Aliases {
		v.Check(strings.TrimSpace(a) != "", indexField("aliases", i), "must not be blank")
	}
	v.notes(p.Notes, p.NotesRestricted)
}

func validKind(k PartnerKind) bool {
	for _, x := range PartnerKinds {
		if k == x {
			return true
		}
	}
	return false
}

func joinKinds() string {
	s := make([]string, len(PartnerKinds))
	for i, k := range PartnerKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// PartnerFilter selects partners. Zero fields do not filter.
type PartnerFilter struct {
	Kind   PartnerKind
	Region string // UN M49 continent code
	Query  string // substring of a name or code, case-insensitive
	Page
}

// PartnerService stores partners. Countries and territories are loaded
// from the built-in list and cannot be created or removed, only annotated.
type PartnerService interface {
	CreatePartner(ctx context.Context, a Actor, p *Partner) error
	Partner(ctx context.Context, id int64) (*Partner, error)
	PartnerByCode(ctx context.Context, code string) (*Partner, error)
	ListPartners(ctx context.Context, f PartnerFilter) ([]*Partner, int, error)
	UpdatePartner(ctx context.Context, a Actor, p *Partner) error
}
