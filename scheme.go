package bilat

import "context"

// RegionScheme groups partners into regions for reports. Schemes differ:
// UN M49 continents, INTERPOL's regions, or a ministry's own (the Marrakech
// press put Türkiye under Asia and the Bahamas under Latin America), so a
// report chooses its scheme.
type RegionScheme struct {
	Record
	Slug    string         `json:"slug"`
	NameEN  string         `json:"name_en"`
	NameFR  string         `json:"name_fr"`
	NameAR  string         `json:"name_ar"`
	BuiltIn bool           `json:"built_in"`
	Regions []SchemeRegion `json:"regions"`
	// Members maps a partner code to the code of its region.
	Members map[string]string `json:"members"`
}

// SchemeRegion is one region of a scheme.
type SchemeRegion struct {
	Code   string `json:"code"`
	NameEN string `json:"name_en"`
	NameFR string `json:"name_fr"`
	NameAR string `json:"name_ar"`
}

// Validate checks the scheme: regions are named and unique, and every member
// belongs to one of them.
func (s *RegionScheme) Validate() error {
	v := NewProblems("")
	v.Required(s.Slug, "slug")
	v.Check(s.Slug == "" || slugPattern.MatchString(s.Slug), "slug", "must be lower-case words joined by hyphens")
	v.Required(s.NameEN, "name_en")
	v.Check(len(s.Regions) > 0, "regions", "must list at least one region")
	codes := map[string]bool{}
	for i, r := range s.Regions {
		rv := v.Index("regions", i)
		rv.Required(r.Code, "code")
		rv.Required(r.NameEN, "name_en")
		rv.Check(!codes[r.Code], "code", "%q is listed twice", r.Code)
		codes[r.Code] = true
	}
	for partner, region := range s.Members {
		v.Check(codes[region], "members."+partner, "region %q is not in regions", region)
	}
	return v.Err("region scheme")
}

// RegionOf returns the region a partner code belongs to in this scheme.
func (s *RegionScheme) RegionOf(code string) (SchemeRegion, bool) {
	rc, ok := s.Members[code]
	if !ok {
		return SchemeRegion{}, false
	}
	for _, r := range s.Regions {
		if r.Code == rc {
			return r, true
		}
	}
	return SchemeRegion{}, false
}

// SchemeService stores region schemes. Built-in schemes cannot be changed.
type SchemeService interface {
	CreateScheme(ctx context.Context, a Actor, s *RegionScheme) error
	Scheme(ctx context.Context, slug string) (*RegionScheme, error)
	ListSchemes(ctx context.Context) ([]*RegionScheme, error)
	UpdateScheme(ctx context.Context, a Actor, s *RegionScheme) error
}
