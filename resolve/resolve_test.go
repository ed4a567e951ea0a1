package resolve

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// officialNames are UN short names in English, French and Arabic.
var officialNames = map[string][3]string{
	"AT": {"Austria", "Autriche", "النمسا"},
	"AU": {"Australia", "Australie", "أستراليا"},
	"BS": {"Bahamas", "Bahamas", "جزر البهاما"},
	"CD": {"Democratic Republic of the Congo", "République démocratique du Congo", "جمهورية الكونغو الديمقراطية"},
	"CG": {"Congo", "Congo", "الكونغو"},
	"CI": {"Côte d'Ivoire", "Côte d'Ivoire", "كوت ديفوار"},
	"CN": {"China", "Chine", "الصين"},
	"CZ": {"Czechia", "Tchéquie", "تشيكيا"},
	"DE": {"Germany", "Allemagne", "ألمانيا"},
	"DZ": {"Algeria", "Algérie", "الجزائر"},
	"EG": {"Egypt", "Égypte", "مصر"},
	"ES": {"Spain", "Espagne", "إسبانيا"},
	"FR": {"France", "France", "فرنسا"},
	"GB": {"United Kingdom of Great Britain and Northern Ireland", "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية"},
	"GN": {"Guinea", "Guinée", "غينيا"},
	"GQ": {"Equatorial Guinea", "Guinée équatoriale", "غينيا الاستوائية"},
	"GW": {"Guinea-Bissau", "Guinée-Bissau", "غينيا - بيساو"},
	"IQ": {"Iraq", "Iraq", "العراق"},
	"IR": {"Iran (Islamic Republic of)", "Iran (République islamique d')", "إيران (جمهورية - الإسلامية)"},
	"JP": {"Japan", "Japon", "اليابان"},
	"KP": {"Democratic People's Republic of Korea", "République populaire démocratique de Corée", "جمهورية كوريا الشعبية الديمقراطية"},
	"KR": {"Republic of Korea", "République de Corée", "جمهورية كوريا"},
	"MA": {"Morocco", "Maroc", "المغرب"},
	"MK": {"North Macedonia", "Macédoine du Nord", "مقدونيا الشمالية"},
	"NE": {"Niger", "Niger", "النيجر"},
	"NG": {"Nigeria", "Nigéria", "نيجيريا"},
	"PG": {"Papua New Guinea", "Papouasie-Nouvelle-Guinée", "بابوا غينيا الجديدة"},
	"RU": {"Russian Federation", "Fédération de Russie", "الاتحاد الروسي"},
	"SA": {"Saudi Arabia", "Arabie saoudite", "المملكة العربية السعودية"},
	"SD": {"Sudan", "Soudan", "السودان"},
	"SS": {"South Sudan", "Soudan du Sud", "جنوب السودان"},
	"SZ": {"Eswatini", "Eswatini", "إسواتيني"},
	"TN": {"Tunisia", "Tunisie", "تونس"},
	"TR": {"Türkiye", "Türkiye", "تركيا"},
	"US": {"United States of America", "États-Unis d'Amérique", "الولايات المتحدة الأمريكية"},
}

// fixture is the official names of officialNames, their aliases, and two
// people sharing a first name.
func fixture() []Entry {
	aliases := CountryAliases()
	var out []Entry
	for code, n := range officialNames {
		out = append(out, Entry{Kind: "country", Key: code, Label: n[0], Names: n[:]})
		out = append(out, Entry{Kind: "country", Key: code, Names: aliases[code]})
	}
	return append(out,
		Entry{Kind: "person", Key: "p1", Label: "Abdellatif Hammouchi", Names: []string{
			"Abdellatif Hammouchi", "Abdelatif Hammouchi", "Hammouchi", "Hamouchi", "Hmouzi", "عبد اللطيف حموشي"}},
		Entry{Kind: "person", Key: "p2", Label: "Abdellatif Loudiyi", Names: []string{"Abdellatif Loudiyi", "عبد اللطيف لوديي"}},
	)
}

var testIndex = NewIndex(fixture())

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"  The  Bahamas!! ", "bahamas"},
		{"République tchèque", "republique tcheque"},
		{"czech-republic", "czech republic"},
		{"Côte d’Ivoire", "cote ivoire"},
		{"Macédoine du Nord", "macedoine nord"},
		{"People's Republic of China", "people republic china"},
		{"Straße", "strasse"},
		{"the", "the"},
		{"التشيك", "تشيك"},
		{"أَلْجَزَائِر", "جزاير"},
		{"عبـــد اللطيف", "عبد لطيف"},
		{"المملكة المغربية", "مملكه مغربيه"},
		{"مستشفى ٢٠٢٤", "مستشفي 2024"},
		{"Oʻzbekiston", "o zbekiston"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		query  string
		status string
		keys   []string // resolved: the one key; ambiguous: all keys, sorted
		fuzzy  bool     // confidence must be below 1
	}{
		{"République tchèque", StatusResolved, []string{"CZ"}, false},
		{"Tchéquie", StatusResolved, []string{"CZ"}, false},
		{"Czech Republic", StatusResolved, []string{"CZ"}, false},
		{"czech-republic", StatusResolved, []string{"CZ"}, false},
		{"التشيك", StatusResolved, []string{"CZ"}, false},
		{"Czech Repulbic", StatusResolved, []string{"CZ"}, true},
		{"Macédoine du Nord", StatusResolved, []string{"MK"}, false},
		{"FYROM", StatusResolved, []string{"MK"}, false},
		{"Corée du Sud", StatusResolved, []string{"KR"}, false},
		{"coree du nord", StatusResolved, []string{"KP"}, false},
		{"Korea", StatusAmbiguous, []string{"KP", "KR"}, true},
		{"Hammouchi", StatusResolved, []string{"p1"}, false},
		{"Hamouchi", StatusResolved, []string{"p1"}, false},
		{"Hmouzi", StatusResolved, []string{"p1"}, false},
		{"HAMMOUCHI", StatusResolved, []string{"p1"}, false},
		{"Hamouchy", StatusResolved, []string{"p1"}, true},
		{"Abdelatif Hamouchi", StatusResolved, []string{"p1"}, true},
		{"General Hammouchi", StatusResolved, []string{"p1"}, true},
		{"حموشي", StatusResolved, []string{"p1"}, true},
		{"Abdellatif", StatusAmbiguous, []string{"p1", "p2"}, true},
		{"Congo", StatusAmbiguous, []string{"CD", "CG"}, false},
		{"الكونغو", StatusAmbiguous, []string{"CD", "CG"}, false},
		{"RDC", StatusResolved, []string{"CD"}, false},
		{"Congo-Brazzaville", StatusResolved, []string{"CG"}, false},
		{"Guinée", StatusAmbiguous, []string{"GN", "GQ", "GW"}, false},
		{"guinea", StatusAmbiguous, []string{"GN", "GQ", "GW"}, false},
		{"Guinée-Bissau", StatusResolved, []string{"GW"}, false},
		{"Atlantis", StatusUnknown, nil, false},
		{"", StatusUnknown, nil, false},
		{" -- ", StatusUnknown, nil, false},
		{"the Bahamas", StatusResolved, []string{"BS"}, false},
		{"Les Bahamas", StatusResolved, []string{"BS"}, false},
		{"Côte d'Ivoire", StatusResolved, []string{"CI"}, false},
		{"cote divoire", StatusResolved, []string{"CI"}, false},
		{"Cote d'Ivoir", StatusResolved, []string{"CI"}, true},
		{"Ivory Coast", StatusResolved, []string{"CI"}, false},
		{"Turkey", StatusResolved, []string{"TR"}, false},
		{"turkiye", StatusResolved, []string{"TR"}, false},
		{"Swaziland", StatusResolved, []string{"SZ"}, false},
		{"Etats-Unis", StatusResolved, []string{"US"}, false},
		{"الولايات المتحدة", StatusResolved, []string{"US"}, false},
		{"UK", StatusResolved, []string{"GB"}, false},
		{"Russie", StatusResolved, []string{"RU"}, false},
		{"Soudan", StatusResolved, []string{"SD"}, false},
		{"Niger", StatusResolved, []string{"NE"}, false},
		{"Nigéria", StatusResolved, []string{"NG"}, false},
		{"Irak", StatusResolved, []string{"IQ"}, false},
		{"Autrich", StatusResolved, []string{"AT"}, true},
		{"Austrlia", StatusAmbiguous, []string{"AT", "AU"}, true},
		{"Maroc", StatusResolved, []string{"MA"}, false},
		{"المغرب", StatusResolved, []string{"MA"}, false},
	} {
		t.Run(tc.query, func(t *testing.T) {
			r := testIndex.Resolve(tc.query)
			checkConsistent(t, r)
			if r.Status != tc.status {
				t.Fatalf("status %q, want %q; matches %+v", r.Status, tc.status, r.Matches)
			}
			if tc.status == StatusUnknown {
				return
			}
			if got := keys(r.Matches); !slices.Equal(got, tc.keys) {
				t.Fatalf("keys %v, want %v; matches %+v", got, tc.keys, r.Matches)
			}
			if fuzzy := r.Matches[0].Confidence < 1; fuzzy != tc.fuzzy {
				t.Errorf("confidence %v, want fuzzy=%v", r.Matches[0].Confidence, tc.fuzzy)
			}
		})
	}
}

func TestResolveUnknownNearMisses(t *testing.T) {
	r := testIndex.Resolve("")
	if r.Matches == nil || len(r.Matches) != 0 {
		t.Errorf("empty query: matches %#v, want empty non-nil", r.Matches)
	}
	r = testIndex.Resolve("Hamouc")
	if r.Status != StatusUnknown || len(r.Matches) == 0 || r.Matches[0].Key != "p1" {
		t.Errorf("Hamouc: %+v, want unknown with p1 as near miss", r)
	}
}

func TestResolveMatched(t *testing.T) {
	r := testIndex.Resolve("cote d ivoire")
	if m := r.Matches[0]; m.Matched != "Côte d'Ivoire" || m.Label != "Côte d'Ivoire" || m.Kind != "country" {
		t.Errorf("match %+v, want the name as given", m)
	}
}

func TestResultJSON(t *testing.T) {
	b, err := json.Marshal(testIndex.Resolve("Tchéquie"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"query":"Tchéquie","status":"resolved","matches":[{"kind":"country","key":"CZ","label":"Czechia","matched":"Tchéquie","confidence":1}]}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
}

func TestNewIndexMergesEntries(t *testing.T) {
	ix := NewIndex([]Entry{
		{Kind: "organisation", Key: "INTERPOL", Label: "INTERPOL", Names: []string{"International Criminal Police Organization"}},
		{Kind: "organisation", Key: "INTERPOL", Names: []string{"OIPC", "Organisation internationale de police criminelle"}},
		{Kind: "country", Key: "IN", Label: "India", Names: []string{"India"}},
	})
	for _, q := range []string{"interpol", "OIPC", "International Criminal Police Organisation"} {
		if r := ix.Resolve(q); r.Status != StatusResolved || r.Matches[0].Key != "INTERPOL" {
			t.Errorf("%q: %+v", q, r)
		}
	}
}

func TestCountryAliases(t *testing.T) {
	all := CountryAliases()
	rows := 0
	owners := map[string][]string{} // search key -> codes
	for code, names := range all {
		if len(code) != 2 || strings.ToUpper(code) != code {
			t.Errorf("bad code %q", code)
		}
		seen := map[string]bool{}
		for _, n := range names {
			rows++
			k := Normalize(n)
			if k == "" || seen[k] {
				t.Errorf("%s: empty or duplicate alias %q (%q)", code, n, k)
			}
			seen[k] = true
			owners[k] = append(owners[k], code)
		}
	}
	if rows < 250 {
		t.Errorf("%d aliases, want at least 250", rows)
	}
	shared := map[string]bool{"congo": true, "كونغو": true, "guinea": true, "guinee": true, "غينيا": true}
	for k, codes := range owners {
		if len(codes) > 1 && !shared[k] {
			t.Errorf("alias %q shared by %v", k, codes)
		}
	}
	all["CZ"][0] = "changed"
	if CountryAliases()["CZ"][0] == "changed" {
		t.Error("CountryAliases returns shared slices")
	}
}

// keys returns the keys of ms, sorted.
func keys(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Key)
	}
	slices.Sort(out)
	return out
}

// checkConsistent fails if r's status does not agree with its matches.
func checkConsistent(t *testing.T, r Result) {
	t.Helper()
	for i, m := range r.Matches {
		if m.Confidence < nearMiss || m.Confidence > 1 || (i > 0 && m.Confidence > r.Matches[i-1].Confidence) {
			t.Fatalf("%q: bad confidences %+v", r.Query, r.Matches)
		}
	}
	switch r.Status {
	case StatusResolved:
		if len(r.Matches) != 1 || r.Matches[0].Confidence < minConfidence {
			t.Fatalf("%q: resolved with %+v", r.Query, r.Matches)
		}
	case StatusAmbiguous:
		if len(r.Matches) < 2 || r.Matches[0].Confidence < minConfidence {
			t.Fatalf("%q: ambiguous with %+v", r.Query, r.Matches)
		}
	case StatusUnknown:
		if len(r.Matches) > maxNearMisses || (len(r.Matches) > 0 && r.Matches[0].Confidence >= minConfidence) {
			t.Fatalf("%q: unknown with %+v", r.Query, r.Matches)
		}
	default:
		t.Fatalf("%q: status %q", r.Query, r.Status)
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"", "Congo", "Hamouchy", "التشيك", "Côte d'Ivoire", "the of", "ال", "İstanbul", "ﷺ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := testIndex.Resolve(s)
		if r.Query != s {
			t.Fatalf("query %q echoed as %q", s, r.Query)
		}
		checkConsistent(t, r)
		if k := Normalize(s); Normalize(k) != k {
			t.Fatalf("Normalize not idempotent on %q: %q then %q", s, k, Normalize(k))
		}
	})
}

// benchIndex has every country with its aliases and a hundred people, about
// 300 entries of 2 to 12 names.
func benchIndex() *Index {
	var entries []Entry
	for code, names := range CountryAliases() {
		entries = append(entries, Entry{Kind: "country", Key: code, Label: names[0], Names: names})
	}
	for i := range 100 {
		first, last := fmt.Sprintf("Firstname%c%c", 'a'+i%26, 'a'+i/26), fmt.Sprintf("Surname%c%c", 'a'+i/26, 'a'+i%26)
		entries = append(entries, Entry{Kind: "person", Key: fmt.Sprint("p", i), Label: first + " " + last,
			Names: []string{first + " " + last, last, "M. " + last, first[:5] + " " + last}})
	}
	return NewIndex(append(entries, fixture()...))
}

func BenchmarkResolve(b *testing.B) {
	ix := benchIndex()
	queries := []string{"République tchèque", "Hamouchy", "Congo", "Atlantis", "Austrlia", "Abdellatif", "الجمهورية التشيكية", "General Hammouchi"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ix.Resolve(queries[i%len(queries)])
	}
}
