package geo

import "strings"

// Region is one region of a grouping scheme, named in three languages.
type Region struct {
	Code                   string
	NameEN, NameFR, NameAR string
}

// Name returns the region name in lang ("en", "fr" or "ar"); other languages get English.
func (r Region) Name(lang string) string {
	switch primaryLang(lang) {
	case "fr":
		return r.NameFR
	case "ar":
		return r.NameAR
	default:
		return r.NameEN
	}
}

// Scheme groups countries into regions.
type Scheme struct {
	Slug                   string
	NameEN, NameFR, NameAR string
	Regions                []Region
	Members                map[string]string // alpha-2 code -> region code
}

// Slugs of the built-in schemes.
const (
	SchemeContinents = "un-m49-continents"
	SchemeSubregions = "un-m49-subregions"
	SchemeInterpol   = "interpol"
)

// continents are the UN M49 regions, plus 010 Antarctica.
//
// M49 puts Antarctica (AQ, code 010) directly under World (001), in no
// region. bilat needs every country in exactly one continent, so 010 is used
// here as a pseudo-region (and, in the sub-region scheme, a pseudo-sub-region)
// of its own.
var continents = []Region{
	{"002", "Africa", "Afrique", "أفريقيا"},
	{"019", "Americas", "Amériques", "الأمريكتان"},
	{"142", "Asia", "Asie", "آسيا"},
	{"150", "Europe", "Europe", "أوروبا"},
	{"009", "Oceania", "Océanie", "أوقيانوسيا"},
	{"010", "Antarctica", "Antarctique", "أنتاركتيكا"},
}

// subregions are the M49 sub-regions used by bilat (the Americas split into
// Latin America and the Caribbean vs Northern America, Africa into Northern
// vs Sub-Saharan), plus 010 Antarctica. Names are those of the UNSD M49 lists.
var subregions = []Region{
	{"015", "Northern Africa", "Afrique septentrionale", "أفريقيا الشمالية"},
	{"202", "Sub-Saharan Africa", "Afrique subsaharienne", "أفريقيا جنوب الصحراء الكبرى"},
	{"419", "Latin America and the Caribbean", "Amérique latine et Caraïbes", "أمريكا اللاتينية ومنطقة البحر الكاريبي"},
	{"021", "Northern America", "Amérique septentrionale", "أمريكا الشمالية"},
	{"143", "Central Asia", "Asie centrale", "آسيا الوسطى"},
	{"030", "Eastern Asia", "Asie orientale", "شرقي آسيا"},
	{"035", "South-eastern Asia", "Asie du Sud-Est", "جنوب شرقي آسيا"},
	{"034", "Southern Asia", "Asie méridionale", "جنوب آسيا"},
	{"145", "Western Asia", "Asie occidentale", "غربي آسيا"},
	{"151", "Eastern Europe", "Europe orientale", "أوروبا الشرقية"},
	{"154", "Northern Europe", "Europe septentrionale", "أوروبا الشمالية"},
	{"039", "Southern Europe", "Europe méridionale", "أوروبا الجنوبية"},
	{"155", "Western Europe", "Europe occidentale", "أوروبا الغربية"},
	{"053", "Australia and New Zealand", "Australie et Nouvelle-Zélande", "أستراليا ونيوزيلندا"},
	{"054", "Melanesia", "Mélanésie", "ميلانيزيا"},
	{"057", "Micronesia", "Micronésie", "ميكرونيزيا"},
	{"061", "Polynesia", "Polynésie", "بولينيزيا"},
	{"010", "Antarctica", "Antarctique", "أنتاركتيكا"},
}

// interpolRegions are INTERPOL's regions: the four regional conferences
// (Africa, Americas, Asia and South Pacific, Europe) plus Middle East and
// North Africa, served by its own regional bureau.
//
// This grouping is built in and reviewable, not authoritative. The rule that
// produced countries.csv:
//   - mena: DZ BH EG IQ JO KW LB LY MA OM PS QA SA SY TN AE YE, plus Western
//     Sahara (EH) by geography. Sudan, Mauritania, Djibouti, Somalia and
//     Comoros are africa.
//   - europe: every country in M49 Europe, plus Israel, Türkiye, Cyprus and
//     the South Caucasus (Armenia, Azerbaijan, Georgia); Russia is europe.
//   - asia_south_pacific: the rest of M49 Asia (Iran and the Central Asian
//     states included) and all of Oceania.
//   - africa and americas: the rest of M49 Africa and all of M49 Americas.
//   - Territories follow the M49 continent they lie in (Greenland americas,
//     Hong Kong asia_south_pacific, Réunion africa, Bouvet Island americas).
//     Antarctica (AQ) is put in asia_south_pacific arbitrarily.
var interpolRegions = []Region{
	{"africa", "Africa", "Afrique", "أفريقيا"},
	{"americas", "Americas", "Amériques", "الأمريكتان"},
	{"asia_south_pacific", "Asia and South Pacific", "Asie et Pacifique Sud", "آسيا وجنوب المحيط الهادئ"},
	{"europe", "Europe", "Europe", "أوروبا"},
	{"mena", "Middle East and North Africa", "Moyen-Orient et Afrique du Nord", "الشرق الأوسط وشمال أفريقيا"},
}

// schemeDefs describes the built-in schemes: their names, regions and the
// Country field that gives a country's region.
var schemeDefs = []struct {
	names    Scheme // Slug and names only
	regions  []Region
	regionOf func(Country) string
}{
	{
		names: Scheme{
			Slug:   SchemeContinents,
			NameEN: "UN M49 continental regions",
			NameFR: "Régions continentales M49 de l'ONU",
			NameAR: "المناطق القارية وفق التصنيف M49 للأمم المتحدة",
		},
		regions:  continents,
		regionOf: func(c Country) string { return c.Region },
	},
	{
		names: Scheme{
			Slug:   SchemeSubregions,
			NameEN: "UN M49 sub-regions",
			NameFR: "Sous-régions M49 de l'ONU",
			NameAR: "المناطق دون الإقليمية وفق التصنيف M49 للأمم المتحدة",
		},
		regions:  subregions,
		regionOf: func(c Country) string { return c.Subregion },
	},
	{
		names: Scheme{
			Slug:   SchemeInterpol,
			NameEN: "INTERPOL regions",
			NameFR: "Régions d'INTERPOL",
			NameAR: "مناطق الإنتربول",
		},
		regions:  interpolRegions,
		regionOf: func(c Country) string { return c.InterpolRegion },
	},
}

// BuiltinSchemes returns fresh copies of the schemes bilat ships with.
func BuiltinSchemes() []Scheme {
	cs := Countries()
	out := make([]Scheme, 0, len(schemeDefs))
	for _, d := range schemeDefs {
		s := d.names
		s.Regions = append([]Region(nil), d.regions...)
		s.Members = make(map[string]string, len(cs))
		for _, c := range cs {
			s.Members[c.Alpha2] = d.regionOf(c)
		}
		out = append(out, s)
	}
	return out
}

// BuiltinScheme returns the built-in scheme with the given slug.
func BuiltinScheme(slug string) (Scheme, bool) {
	for _, s := range BuiltinSchemes() {
		if s.Slug == slug {
			return s, true
		}
	}
	return Scheme{}, false
}

// Region returns the region with the given code.
func (s Scheme) Region(code string) (Region, bool) {
	for _, r := range s.Regions {
		if r.Code == code {
			return r, true
		}
	}
	return Region{}, false
}

// RegionOf returns the region an alpha-2 code (any case) belongs to.
func (s Scheme) RegionOf(alpha2 string) (Region, bool) {
	code, ok := s.Members[strings.ToUpper(strings.TrimSpace(alpha2))]
	if !ok {
		return Region{}, false
	}
	return s.Region(code)
}
