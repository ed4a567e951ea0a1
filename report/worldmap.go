package report

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"fmt"
	"html"
	"sync"
)

// worldmapSVG is the base map that tools/worldmap builds from Natural
// Earth: one path per country, one circle per country too small to see,
// each with the country's ISO alpha-2 code as its id.
//
//go:embed worldmap.svg
var worldmapSVG []byte

// baseMap is the decoded base map.
type baseMap struct {
	ViewBox string    `xml:"viewBox,attr"`
	Width   float64   `xml:"width,attr"`
	Height  float64   `xml:"height,attr"`
	Paths   []mapPath `xml:"path"`
	Dots    []mapDot  `xml:"circle"`
}

// mapPath is a country drawn as its outline.
type mapPath struct {
	ID string `xml:"id,attr"`
	D  string `xml:"d,attr"`
}

// mapDot is a country drawn as a dot: a microstate or small island state.
type mapDot struct {
	ID string  `xml:"id,attr"`
	X  float64 `xml:"cx,attr"`
	Y  float64 `xml:"cy,attr"`
	R  float64 `xml:"r,attr"`
}

// worldMap decodes the embedded map once.
var worldMap = sync.OnceValues(func() (*baseMap, error) {
	m := new(baseMap)
	if err := xml.Unmarshal(worldmapSVG, m); err != nil {
		return nil, fmt.Errorf("report: the embedded world map: %w", err)
	}
	return m, nil
})

// The map's colours, given as presentation attributes rather than a
// style sheet so that the SVG draws the same inline under the pages'
// Content-Security-Policy.
const (
	mapLand    = "#d5dae1"
	mapMet     = "#1d6a8a"
	mapBorder  = "#ffffff"
	mapDotLand = "#8a96a3"
	mapColumn  = 300.0 // the width of the organisations' column
)

// MapSVG draws the world with the countries met (r.Met) shaded and the
// organisations met listed beside it. Countries too small to see are
// dots, larger when met, so that Malta or Bahrain met stay visible.
func MapSVG(r *Report) ([]byte, error) {
	m, err := worldMap()
	if err != nil {
		return nil, err
	}
	met := make(map[string]bool, len(r.Met))
	for _, c := range r.Met {
		met[c] = true
	}
	names := metNames(r)
	rtl := r.Lang == "ar"
	mapX := 0.0
	if rtl {
		mapX = mapColumn // the column of organisations comes first, on the left
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s">`+"\n",
		m.Width+mapColumn, m.Height, m.Width+mapColumn, m.Height, xmlText(exportLabel(r.Lang, "map.title")))
	fmt.Fprintf(&b, "<title>%s</title>\n", xmlText(exportLabel(r.Lang, "map.title")))
	fmt.Fprintf(&b, `<g class="map" transform="translate(%g 0)">`+"\n", mapX)
	for _, p := range m.Paths {
		mapCountry(&b, "path", p.ID, fmt.Sprintf(`d="%s"`, p.D), met[p.ID], names[p.ID])
	}
	for _, d := range m.Dots {
		r := d.R
		if met[d.ID] {
			r *= 1.7
		}
		mapCountry(&b, "circle", d.ID, fmt.Sprintf(`cx="%g" cy="%g" r="%g"`, d.X, d.Y, r), met[d.ID], names[d.ID])
	}
	b.WriteString("</g>\n")
	mapOrganisations(&b, r, m.Width, rtl)
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

// mapCountry writes one country: shaded with a title when met.
func mapCountry(b *bytes.Buffer, elem, id, geometry string, met bool, name string) {
	class, fill := "land", mapLand
	if elem == "circle" {
		class, fill = "dot", mapDotLand
	}
	if !met {
		fmt.Fprintf(b, `<%s id="%s" class="%s" fill="%s" stroke="%s" stroke-width="0.4" %s/>`+"\n", elem, id, class, fill, mapBorder, geometry)
		return
	}
	fmt.Fprintf(b, `<%s id="%s" class="%s met" fill="%s" stroke="%s" stroke-width="0.4" %s><title>%s</title></%s>`+"\n",
		elem, id, class, mapMet, mapBorder, geometry, xmlText(name), elem)
}

// mapOrganisations lists the organisations met in the column beside the
// map: on the right, or on the left for a right-to-left reader.
func mapOrganisations(b *bytes.Buffer, r *Report, mapWidth float64, rtl bool) {
	x, anchor := mapWidth+16, "start"
	if rtl {
		x, anchor = mapColumn-16, "end"
	}
	fmt.Fprintf(b, `<g class="organisations" font-family="sans-serif" fill="#1f2933" text-anchor="%s">`+"\n", anchor)
	fmt.Fprintf(b, `<text x="%g" y="40" font-size="16" font-weight="bold">%s</text>`+"\n", x, xmlText(exportLabel(r.Lang, "map.organisations")))
	if len(r.Organisations) == 0 {
		fmt.Fprintf(b, `<text x="%g" y="66" font-size="13">%s</text>`+"\n", x, xmlText(exportLabel(r.Lang, "map.none")))
	}
	for i, o := range r.Organisations {
		fmt.Fprintf(b, `<text x="%g" y="%d" font-size="13">%s</text>`+"\n", x, 66+22*i, xmlText(o.In(r.Lang)))
	}
	b.WriteString("</g>\n")
}

// metNames gives the name of each country met in the report's language,
// from the groups by region, for the shaded countries' titles.
func metNames(r *Report) map[string]string {
	names := make(map[string]string)
	for _, g := range r.ByRegion {
		for _, n := range g.Members {
			names[n.Code] = n.In(r.Lang)
		}
	}
	for _, c := range r.Met {
		if names[c] == "" {
			names[c] = c
		}
	}
	return names
}

// xmlText escapes text for XML.
func xmlText(s string) string { return html.EscapeString(s) }
