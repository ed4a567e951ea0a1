package demo

import (
	"context"
	"strings"

	"bilat"
)

// SchemeSlug is the slug of the region scheme made from the press's grouping.
const SchemeSlug = "marrakech-press"

// createScheme records the press's grouping of the counterparts as a
// region scheme: it differs from UN M49 (Türkiye under Asia, the Bahamas
// under Latin America), so reports can choose it.
func (b *builder) createScheme(ctx context.Context) error {
	s := &bilat.RegionScheme{
		Slug:    SchemeSlug,
		NameEN:  "Marrakech 2025 press grouping",
		NameFR:  "Regroupement de la presse, Marrakech 2025",
		NameAR:  "تصنيف الصحافة، مراكش 2025",
		Regions: []bilat.SchemeRegion{},
		Members: map[string]string{},
	}
	for _, g := range b.src.Groups {
		names, ok := regionNames[g.Name]
		if !ok {
			return bilat.Errorf(bilat.ENOTFOUND, "no French and Arabic names are known for the region %q", g.Name)
		}
		code := strings.ToLower(strings.ReplaceAll(g.Name, " ", "-"))
		s.Regions = append(s.Regions, bilat.SchemeRegion{Code: code, NameEN: g.Name, NameFR: names[0], NameAR: names[1]})
		for _, country := range g.Countries {
			s.Members[country] = code
		}
	}
	return b.desk.CreateScheme(ctx, b.actor, s)
}
