package report

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"bilat"
)

// regexpShaded finds the ids of the shaded countries in a drawn map.
var regexpShaded = regexp.MustCompile(`id="([A-Z]{2})" class="(?:land|dot) met"`)

// mapElement is a country in the drawn map, as a reader of the SVG sees it.
type mapElement struct {
	XMLName xml.Name
	ID      string `xml:"id,attr"`
	Class   string `xml:"class,attr"`
	Fill    string `xml:"fill,attr"`
	R       string `xml:"r,attr"`
	Title   string `xml:"title"`
}

// drawnMap is the parts of MapSVG's output the tests read.
type drawnMap struct {
	Countries []mapElement `xml:"g>path"`
	Dots      []mapElement `xml:"g>circle"`
	Texts     []string     `xml:"g>text"`
	Script    []string     `xml:"script"`
}

// sample is a hand-made report: Norway and Ethiopia (shapes), Malta and
// Bahrain (dots), two organisations, two topics, two days and one MoU.
func sample(lang string) *Report {
	zone := time.FixedZone("Africa/Casablanca", 3600)
	return &Report{
		Lang:    lang,
		Zone:    zone,
		Event:   &bilat.Event{NameEN: "93rd INTERPOL General Assembly", NameFR: "93e Assemblée générale d’INTERPOL", NameAR: "الدورة 93 للجمعية العامة للإنتربول"},
		Figures: Figures{Requests: 7, Accepted: 6, Held: 5, Counterparts: 6, Countries: 4, Claimed: 43},
		ByTopic: []Count{
			{Code: "cybercrime", EN: "Cybercrime", FR: "Cybercriminalité", AR: "الجريمة السيبرانية", N: 3},
			{Code: "terrorism", EN: "Counter-terrorism", FR: "Lutte contre le terrorisme", AR: "مكافحة الإرهاب", N: 2},
		},
		ByDay: []Day{{Date: time.Date(2025, 11, 24, 0, 0, 0, 0, zone), Held: 2}, {Date: time.Date(2025, 11, 25, 0, 0, 0, 0, zone), Held: 3}},
		Agreements: []Agreement{{Kind: "memorandum_of_understanding", Title: "MoU on police cooperation", Scope: "Training and exchange of information",
			SignedOn: "2025-11-25", Parties: []Name{{Code: "NO", EN: "Norway", FR: "Norvège", AR: "النرويج", Country: true}}}},
		Met: []string{"BH", "ET", "MT", "NO"},
		ByRegion: []Group{
			{Code: "europe", EN: "Europe", FR: "Europe", AR: "أوروبا", Members: []Name{
				{Code: "MT", EN: "Malta", FR: "Malte", AR: "مالطة", Country: true},
				{Code: "NO", EN: "Norway", FR: "Norvège", AR: "النرويج", Country: true}}},
			{Code: "africa", EN: "Africa", FR: "Afrique", AR: "أفريقيا", Members: []Name{
				{Code: "ET", EN: "Ethiopia", FR: "Éthiopie", AR: "إثيوبيا", Country: true}}},
			{Code: "asia", EN: "Asia", FR: "Asie", AR: "آسيا", Members: []Name{
				{Code: "BH", EN: "Bahrain", FR: "Bahreïn", AR: "البحرين", Country: true}}},
		},
		Organisations: []Name{
			{Code: "UNODC", EN: "United Nations Office on Drugs and Crime", FR: "Office des Nations unies contre la drogue et le crime", AR: "مكتب الأمم المتحدة المعني بالمخدرات والجريمة"},
			{Code: "AFRIPOL", EN: "AFRIPOL", FR: "AFRIPOL", AR: "أفريبول"},
		},
	}
}

func TestMapShadesExactlyTheCountriesMet(t *testing.T) {
	for _, lang := range []string{"en", "fr", "ar"} {
		t.Run(lang, func(t *testing.T) {
			r := sample(lang)
			out, err := MapSVG(r)
			if err != nil {
				t.Fatal(err)
			}
			var m drawnMap
			if err := xml.Unmarshal(out, &m); err != nil {
				t.Fatalf("the map is not XML: %v", err)
			}
			if len(m.Script) > 0 || bytes.Contains(out, []byte("<script")) {
				t.Error("the map carries a script")
			}
			var shaded []string
			for _, e := range append(m.Countries, m.Dots...) {
				if e.Class == "land met" || e.Class == "dot met" {
					shaded = append(shaded, e.ID)
					if e.Title == "" || e.Fill != mapMet {
						t.Errorf("%s is shaded without its colour or title: %+v", e.ID, e)
					}
				}
			}
			slices.Sort(shaded)
			if !slices.Equal(shaded, r.Met) {
				t.Errorf("shaded %v, met %v", shaded, r.Met)
			}
			if len(m.Countries) < 150 {
				t.Errorf("only %d countries drawn", len(m.Countries))
			}
			for _, e := range m.Countries {
				if e.ID == "NO" && e.Title != sample(lang).ByRegion[0].Members[1].In(lang) {
					t.Errorf("Norway's title is %q", e.Title)
				}
			}
			mustVisibleDot(t, m, "MT")
			mustVisibleDot(t, m, "BH")
			for _, o := range r.Organisations {
				if !slices.Contains(m.Texts, o.In(lang)) {
					t.Errorf("organisation %q not listed beside the map: %q", o.In(lang), m.Texts)
				}
			}
		})
	}
}

// mustVisibleDot checks that a microstate met is a dot, shaded and at
// least 4 units across.
func mustVisibleDot(t *testing.T, m drawnMap, code string) {
	t.Helper()
	for _, d := range m.Dots {
		if d.ID != code {
			continue
		}
		r, err := strconv.ParseFloat(d.R, 64)
		if err != nil || r < 2 || d.Class != "dot met" {
			t.Errorf("%s is not a visible shaded dot: %+v", code, d)
		}
		return
	}
	t.Errorf("%s is not drawn as a dot", code)
}

func TestMapWithNothingMet(t *testing.T) {
	out, err := MapSVG(&Report{Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte(`met"`)) {
		t.Error("a country is shaded though none was met")
	}
	if !bytes.Contains(out, []byte(">Aucune<")) {
		t.Error("the empty list of organisations does not say so")
	}
}

func TestBaseMapHasEveryCountryOnce(t *testing.T) {
	m, err := worldMap()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, id := range append(pathIDs(m), dotIDs(m)...) {
		if seen[id] {
			t.Errorf("%s drawn twice", id)
		}
		seen[id] = true
	}
	for _, c := range []string{"FR", "MA", "NO", "ET", "BR", "US", "SG", "MC", "VA", "BS", "KW", "YE", "TR"} {
		if !seen[c] {
			t.Errorf("%s missing from the map", c)
		}
	}
}

func pathIDs(m *baseMap) (ids []string) {
	for _, p := range m.Paths {
		ids = append(ids, p.ID)
	}
	return ids
}

func dotIDs(m *baseMap) (ids []string) {
	for _, d := range m.Dots {
		ids = append(ids, d.ID)
	}
	return ids
}
