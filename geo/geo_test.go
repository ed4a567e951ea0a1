package geo

import (
	"sort"
	"strings"
	"testing"
	"unicode"
)

// unMembers is the list of the 193 UN Member States, typed independently of
// countries.csv so that its un_status column is checked against a second
// source.
var unMembers = strings.Fields(`
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT
BO BA BW BR BN BG BF BI CV KH CM CA CF TD CL CN CO KM CG CR
CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ
FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR
IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT
LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR
NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR
MD RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO
ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG
UA AE GB TZ US UY UZ VU VE VN YE ZM ZW
`)

func mustLookup(t *testing.T, code string) Country {
	t.Helper()
	c, ok := Lookup(code)
	if !ok {
		t.Fatalf("Lookup(%q) found nothing", code)
	}
	return c
}

func TestRowCount(t *testing.T) {
	if n := len(Countries()); n != 249 {
		t.Fatalf("got %d countries, want the 249 ISO 3166-1 entries", n)
	}
}

func TestCodesWellFormedAndUnique(t *testing.T) {
	seen := map[string]string{}
	for _, c := range Countries() {
		if !alpha2Pattern.MatchString(c.Alpha2) || !alpha3Pattern.MatchString(c.Alpha3) || !numericPattern.MatchString(c.Numeric) {
			t.Errorf("%s: malformed codes %q %q %q", c.Alpha2, c.Alpha2, c.Alpha3, c.Numeric)
		}
		for _, code := range []string{c.Alpha2, c.Alpha3, c.Numeric} {
			if other, dup := seen[code]; dup {
				t.Errorf("code %q used by %s and %s", code, other, c.Alpha2)
			}
			seen[code] = c.Alpha2
		}
	}
}

func TestCountriesSortedAndCopied(t *testing.T) {
	cs := Countries()
	if !sort.SliceIsSorted(cs, func(i, j int) bool { return cs[i].Alpha2 < cs[j].Alpha2 }) {
		t.Error("Countries() is not sorted by Alpha2")
	}
	cs[0].NameEN = "changed"
	if Countries()[0].NameEN == "changed" {
		t.Error("Countries() exposes the shared slice")
	}
}

func TestUNStatusCounts(t *testing.T) {
	count := map[string]int{}
	var observers []string
	for _, c := range Countries() {
		count[c.UNStatus]++
		if c.UNStatus == StatusObserver {
			observers = append(observers, c.Alpha2)
		}
	}
	if count[StatusMember] != 193 || count[StatusObserver] != 2 || count[StatusNone] != 249-195 {
		t.Errorf("status counts = %v, want 193 members, 2 observers, 54 none", count)
	}
	if strings.Join(observers, " ") != "PS VA" {
		t.Errorf("observers = %v, want PS VA", observers)
	}
}

func TestMembersMatchIndependentList(t *testing.T) {
	want := map[string]bool{}
	for _, a2 := range unMembers {
		if want[a2] {
			t.Errorf("test list has %s twice", a2)
		}
		want[a2] = true
	}
	if len(want) != 193 {
		t.Fatalf("test list has %d members, want 193", len(want))
	}
	for _, c := range Countries() {
		if (c.UNStatus == StatusMember) != want[c.Alpha2] {
			t.Errorf("%s (%s): un_status %q disagrees with the member list", c.Alpha2, c.NameEN, c.UNStatus)
		}
	}
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

func TestNames(t *testing.T) {
	for _, c := range Countries() {
		for lang, n := range map[string]string{"en": c.NameEN, "fr": c.NameFR, "ar": c.NameAR} {
			switch {
			case n == "":
				t.Errorf("%s: empty %s name", c.Alpha2, lang)
			case n != strings.TrimSpace(n) || strings.Contains(n, "  "):
				t.Errorf("%s: %s name %q has stray spaces", c.Alpha2, lang, n)
			case strings.ContainsAny(n, "’‘\u00a0") || strings.HasSuffix(n, ")") && strings.Count(n, "(") != strings.Count(n, ")"):
				t.Errorf("%s: %s name %q has curly quotes, NBSP or unbalanced parentheses", c.Alpha2, lang, n)
			case (lang == "ar") != hasArabic(n):
				t.Errorf("%s: %s name %q: Arabic script only and always in the Arabic name", c.Alpha2, lang, n)
			}
		}
		if strings.Contains(strings.ToLower(c.NameEN+c.NameFR), "(the)") || strings.HasSuffix(c.NameFR, "(l')") {
			t.Errorf("%s: sorting article left in %q / %q", c.Alpha2, c.NameEN, c.NameFR)
		}
	}
	for _, a2 := range []string{"DE", "ES", "CZ", "GB", "US", "NL", "MK", "KR"} {
		if c := mustLookup(t, a2); c.NameFR == c.NameEN {
			t.Errorf("%s: French name %q is just the English one", a2, c.NameFR)
		}
	}
}

func TestNamesUnique(t *testing.T) {
	for _, lang := range []string{"en", "fr", "ar"} {
		seen := map[string]string{}
		for _, c := range Countries() {
			n := c.Name(lang)
			if other, dup := seen[n]; dup {
				t.Errorf("%s name %q used by %s and %s", lang, n, other, c.Alpha2)
			}
			seen[n] = c.Alpha2
		}
	}
}

func TestSpotChecks(t *testing.T) {
	cases := []struct{ code, en, fr, ar string }{
		{"TR", "Türkiye", "Türkiye", "تركيا"},
		{"MK", "North Macedonia", "Macédoine du Nord", "مقدونيا الشمالية"},
		{"SZ", "Eswatini", "Eswatini", "إسواتيني"},
		{"CZ", "Czechia", "Tchéquie", "تشيكيا"},
		{"CI", "Côte d'Ivoire", "Côte d'Ivoire", "كوت ديفوار"},
		{"KR", "Republic of Korea", "République de Corée", "جمهورية كوريا"},
		{"KP", "Democratic People's Republic of Korea", "République populaire démocratique de Corée", "جمهورية كوريا الشعبية الديمقراطية"},
		{"RU", "Russian Federation", "Fédération de Russie", "الاتحاد الروسي"},
		{"IR", "Iran (Islamic Republic of)", "Iran (République islamique d')", "إيران (جمهورية - الإسلامية)"},
		{"BS", "Bahamas", "Bahamas", "جزر البهاما"},
		{"DE", "Germany", "Allemagne", "ألمانيا"},
		{"DK", "Denmark", "Danemark", "الدانمرك"},
		{"MA", "Morocco", "Maroc", "المغرب"},
		{"NO", "Norway", "Norvège", "النرويج"},
		{"ET", "Ethiopia", "Éthiopie", "إثيوبيا"},
		{"VA", "Holy See", "Saint-Siège", "الكرسي الرسولي"},
		{"PS", "State of Palestine", "État de Palestine", "دولة فلسطين"},
	}
	for _, tc := range cases {
		c := mustLookup(t, tc.code)
		if c.NameEN != tc.en || c.NameFR != tc.fr || c.NameAR != tc.ar {
			t.Errorf("%s names = %q / %q / %q, want %q / %q / %q", tc.code, c.NameEN, c.NameFR, c.NameAR, tc.en, tc.fr, tc.ar)
		}
	}
}

func TestGroupingSpotChecks(t *testing.T) {
	cases := []struct{ code, region, subregion, status, interpol string }{
		{"BS", "019", "419", StatusMember, "americas"},
		{"US", "019", "021", StatusMember, "americas"},
		{"GL", "019", "021", StatusNone, "americas"},
		{"MA", "002", "015", StatusMember, "mena"},
		{"EG", "002", "015", StatusMember, "mena"},
		{"SD", "002", "015", StatusMember, "africa"},
		{"MR", "002", "202", StatusMember, "africa"},
		{"EH", "002", "015", StatusNone, "mena"},
		{"SA", "142", "145", StatusMember, "mena"},
		{"PS", "142", "145", StatusObserver, "mena"},
		{"IL", "142", "145", StatusMember, "europe"},
		{"TR", "142", "145", StatusMember, "europe"},
		{"CY", "142", "145", StatusMember, "europe"},
		{"GE", "142", "145", StatusMember, "europe"},
		{"IR", "142", "034", StatusMember, "asia_south_pacific"},
		{"KZ", "142", "143", StatusMember, "asia_south_pacific"},
		{"RU", "150", "151", StatusMember, "europe"},
		{"VA", "150", "039", StatusObserver, "europe"},
		{"AU", "009", "053", StatusMember, "asia_south_pacific"},
		{"HK", "142", "030", StatusNone, "asia_south_pacific"},
		{"TW", "142", "030", StatusNone, "asia_south_pacific"},
		{"PR", "019", "419", StatusNone, "americas"},
		{"AX", "150", "154", StatusNone, "europe"},
		{"AQ", "010", "010", StatusNone, "asia_south_pacific"},
		{"BV", "019", "419", StatusNone, "americas"},
		{"UM", "009", "057", StatusNone, "asia_south_pacific"},
		{"CK", "009", "061", StatusNone, "asia_south_pacific"},
	}
	for _, tc := range cases {
		c := mustLookup(t, tc.code)
		got := []string{c.Region, c.Subregion, c.UNStatus, c.InterpolRegion}
		want := []string{tc.region, tc.subregion, tc.status, tc.interpol}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: region, subregion, status, interpol = %v, want %v", tc.code, got, want)
		}
	}
}

// subregionParent is the M49 continent of each sub-region used.
var subregionParent = map[string]string{
	"015": "002", "202": "002", "419": "019", "021": "019",
	"143": "142", "030": "142", "035": "142", "034": "142", "145": "142",
	"151": "150", "154": "150", "039": "150", "155": "150",
	"053": "009", "054": "009", "057": "009", "061": "009", "010": "010",
}

func TestM49Groupings(t *testing.T) {
	continents, _ := BuiltinScheme(SchemeContinents)
	subs, _ := BuiltinScheme(SchemeSubregions)
	for _, c := range Countries() {
		r, ok := continents.Region(c.Region)
		if !ok || r.NameEN != c.RegionName {
			t.Errorf("%s: region %s %q is not one of the M49 continents", c.Alpha2, c.Region, c.RegionName)
		}
		s, ok := subs.Region(c.Subregion)
		if !ok || s.NameEN != c.SubregionName {
			t.Errorf("%s: sub-region %s %q is not one of the M49 sub-regions", c.Alpha2, c.Subregion, c.SubregionName)
		}
		if subregionParent[c.Subregion] != c.Region {
			t.Errorf("%s: sub-region %s is not in region %s", c.Alpha2, c.Subregion, c.Region)
		}
	}
	if len(subregionParent) != len(subs.Regions) {
		t.Errorf("%d sub-regions in the scheme, %d in the test", len(subs.Regions), len(subregionParent))
	}
}

func TestInterpolMENA(t *testing.T) {
	want := "AE BH DZ EG EH IQ JO KW LB LY MA OM PS QA SA SY TN YE"
	var got []string
	for _, c := range Countries() {
		if c.InterpolRegion == "mena" {
			got = append(got, c.Alpha2)
		}
	}
	if strings.Join(got, " ") != want {
		t.Errorf("mena = %v, want %s", got, want)
	}
}

func TestBuiltinSchemes(t *testing.T) {
	var slugs []string
	for _, s := range BuiltinSchemes() {
		slugs = append(slugs, s.Slug)
		checkScheme(t, s)
	}
	if strings.Join(slugs, " ") != "un-m49-continents un-m49-subregions interpol" {
		t.Errorf("slugs = %v", slugs)
	}
}

// checkScheme checks names, unique regions and that every country (so every
// member and observer state) is in exactly one existing region.
func checkScheme(t *testing.T, s Scheme) {
	t.Helper()
	if s.NameEN == "" || s.NameFR == "" || !hasArabic(s.NameAR) {
		t.Errorf("%s: scheme names %q / %q / %q", s.Slug, s.NameEN, s.NameFR, s.NameAR)
	}
	codes := map[string]bool{}
	for _, r := range s.Regions {
		if codes[r.Code] || r.Code == "" || r.NameEN == "" || r.NameFR == "" || !hasArabic(r.NameAR) {
			t.Errorf("%s: bad or duplicate region %+v", s.Slug, r)
		}
		codes[r.Code] = true
	}
	for _, c := range Countries() {
		r, ok := s.RegionOf(c.Alpha2)
		if !ok {
			t.Errorf("%s: %s (%s) is in no region", s.Slug, c.Alpha2, c.UNStatus)
			continue
		}
		if lower, _ := s.RegionOf(strings.ToLower(c.Alpha2)); lower != r {
			t.Errorf("%s: RegionOf is case-sensitive for %s", s.Slug, c.Alpha2)
		}
	}
	if len(s.Members) != 249 {
		t.Errorf("%s: %d members, want 249", s.Slug, len(s.Members))
	}
}

func TestSchemesAreCopies(t *testing.T) {
	s := BuiltinSchemes()[0]
	s.Members["FR"] = "xxx"
	s.Regions[0].NameEN = "changed"
	again := BuiltinSchemes()[0]
	if again.Members["FR"] == "xxx" || again.Regions[0].NameEN == "changed" {
		t.Error("BuiltinSchemes shares state between calls")
	}
	if _, ok := s.RegionOf("FR"); ok {
		t.Error("RegionOf found a region for an unknown code")
	}
	if _, ok := BuiltinScheme("nope"); ok {
		t.Error("BuiltinScheme found an unknown slug")
	}
}

func TestLookup(t *testing.T) {
	for _, code := range []string{"FR", "fr", " Fr ", "FRA", "fra", "250"} {
		if c, ok := Lookup(code); !ok || c.Alpha2 != "FR" {
			t.Errorf("Lookup(%q) = %s, %v; want FR", code, c.Alpha2, ok)
		}
	}
	for code, want := range map[string]string{"4": "AF", "04": "AF", "004": "AF", "af": "AF", "aq": "AQ"} {
		if c, ok := Lookup(code); !ok || c.Alpha2 != want {
			t.Errorf("Lookup(%q) = %s, %v; want %s", code, c.Alpha2, ok, want)
		}
	}
	for _, code := range []string{"", "XK", "XKX", "999", "FRAN", "0"} {
		if c, ok := Lookup(code); ok {
			t.Errorf("Lookup(%q) = %s, want nothing", code, c.Alpha2)
		}
	}
}

func TestName(t *testing.T) {
	c := mustLookup(t, "DE")
	for lang, want := range map[string]string{
		"en": "Germany", "fr": "Allemagne", "ar": "ألمانيا",
		"FR": "Allemagne", "fr-CH": "Allemagne", "ar_EG": "ألمانيا",
		"es": "Germany", "": "Germany",
	} {
		if got := c.Name(lang); got != want {
			t.Errorf("Name(%q) = %q, want %q", lang, got, want)
		}
	}
	r, _ := BuiltinSchemes()[0].RegionOf("DE")
	if r.Name("fr") != "Europe" || r.Name("ar") != "أوروبا" || r.Name("zz") != "Europe" {
		t.Errorf("region names = %q %q %q", r.Name("fr"), r.Name("ar"), r.Name("zz"))
	}
}

func TestParseErrors(t *testing.T) {
	header := strings.Join(csvHeader, ",") + "\n"
	good := "FR,FRA,250,France,France,فرنسا,150,Europe,155,Western Europe,member,europe\n"
	if cs, err := parseCountries(strings.NewReader(header + good)); err != nil || len(cs) != 1 {
		t.Fatalf("good CSV: %v, %v", cs, err)
	}
	bad := map[string]string{
		"header":  "code," + header + good,
		"fields":  header + "FR,FRA,250,France\n",
		"alpha2":  header + strings.Replace(good, "FR,", "fr,", 1),
		"alpha3":  header + strings.Replace(good, "FRA", "FR1", 1),
		"numeric": header + strings.Replace(good, "250", "25", 1),
		"status":  header + strings.Replace(good, "member", "Member", 1),
		"empty":   "",
	}
	for name, in := range bad {
		if _, err := parseCountries(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
