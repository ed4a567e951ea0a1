// Package geo owns bilat's built-in reference data about countries and
// regional grouping schemes: every officially assigned ISO 3166-1 entry with
// its UN-style short names in English, French and Arabic, its UN M49 region
// and sub-region, its UN membership status and its INTERPOL region, plus the
// built-in region schemes derived from them.
//
// The data lives in countries.csv, embedded in the binary, reviewed by people
// and checked by the tests. It is read-only and never touches the database:
// callers that store partners or schemes copy what they need from here.
//
// Data conventions a reviewer should know:
//
//   - Names are short names. UN member and observer states use the UNTERM
//     short names without the sorting article ("Bahamas", not "Bahamas
//     (the)"; "Allemagne", not "Allemagne (l')"). Territories use the ISO
//     3166-1 English short name and the UN (M49) French and Arabic names,
//     except that Hong Kong, Macao, Taiwan and Saint Helena, Ascension and
//     Tristan da Cunha keep the ISO short form in all three languages (M49
//     says "China, Hong Kong Special Administrative Region", "Saint Helena").
//     Apostrophes are ASCII (U+0027) throughout.
//   - Antarctica (AQ) belongs to no M49 region. It is given the pseudo-region
//     and pseudo-sub-region 010 "Antarctica" (its own M49 code) so that every
//     row has a continent.
//   - Taiwan (TW) is not listed in M49. It is placed in Asia / Eastern Asia by
//     geography, named as in ISO 3166-1, and its un_status is "none".
//   - Kosovo has no ISO 3166-1 code and is not listed.
//   - un_status is "member" for the 193 UN Member States, "observer" for the
//     two non-member observer States (Holy See, State of Palestine) and "none"
//     for everything else (including Western Sahara, Taiwan, Cook Islands and
//     Niue).
//   - interpol_region follows the rule documented on interpolRegions in
//     schemes.go; it is built in and reviewable, not authoritative.
package geo

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"
)

//go:embed countries.csv
var countriesCSV []byte

// Country is one ISO 3166-1 entry with its names and groupings.
type Country struct {
	Alpha2, Alpha3, Numeric                      string
	NameEN, NameFR, NameAR                       string
	Region, RegionName, Subregion, SubregionName string // UN M49
	UNStatus                                     string // "member", "observer", "none"
	InterpolRegion                               string
}

// UN membership statuses used in Country.UNStatus.
const (
	StatusMember   = "member"
	StatusObserver = "observer"
	StatusNone     = "none"
)

// csvHeader is the exact header row countries.csv must start with.
var csvHeader = []string{
	"alpha2", "alpha3", "numeric", "name_en", "name_fr", "name_ar",
	"m49_region", "m49_region_name", "m49_subregion", "m49_subregion_name",
	"un_status", "interpol_region",
}

var (
	loadOnce  sync.Once
	countries []Country
	byCode    map[string]int // alpha-2, alpha-3 and numeric codes -> index
)

// load parses the embedded CSV once; a broken file is a programming error.
func load() {
	loadOnce.Do(func() {
		cs, err := parseCountries(bytes.NewReader(countriesCSV))
		if err != nil {
			panic("geo: embedded countries.csv is invalid: " + err.Error())
		}
		countries, byCode = cs, indexCodes(cs)
	})
}

// Countries returns every ISO 3166-1 entry sorted by alpha-2 code.
func Countries() []Country {
	load()
	return append([]Country(nil), countries...)
}

// Lookup finds a country by alpha-2, alpha-3 or numeric code, ignoring case.
// (It cannot be called Country: that name is the type.)
func Lookup(code string) (Country, bool) {
	load()
	i, ok := byCode[normalizeCode(code)]
	if !ok {
		return Country{}, false
	}
	return countries[i], true
}

// Name returns the short name in lang ("en", "fr" or "ar"); other languages get English.
func (c Country) Name(lang string) string {
	switch primaryLang(lang) {
	case "fr":
		return c.NameFR
	case "ar":
		return c.NameAR
	default:
		return c.NameEN
	}
}

// primaryLang reduces a tag such as "fr-CH" or "AR_eg" to "fr" or "ar".
func primaryLang(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

// normalizeCode upper-cases a code and pads a short numeric code to 3 digits.
func normalizeCode(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code != "" && len(code) < 3 && strings.Trim(code, "0123456789") == "" {
		code = strings.Repeat("0", 3-len(code)) + code
	}
	return code
}

// indexCodes maps each country's three codes to its index.
func indexCodes(cs []Country) map[string]int {
	m := make(map[string]int, 3*len(cs))
	for i, c := range cs {
		m[c.Alpha2], m[c.Alpha3], m[c.Numeric] = i, i, i
	}
	return m
}

var (
	alpha2Pattern  = regexp.MustCompile(`^[A-Z]{2}$`)
	alpha3Pattern  = regexp.MustCompile(`^[A-Z]{3}$`)
	numericPattern = regexp.MustCompile(`^[0-9]{3}$`)
)

// parseCountries reads countries.csv and returns its rows sorted by Alpha2.
func parseCountries(r io.Reader) ([]Country, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(csvHeader)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if strings.Join(header, ",") != strings.Join(csvHeader, ",") {
		return nil, fmt.Errorf("header is %q, want %q", header, csvHeader)
	}
	var cs []Country
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		c, err := countryFromRecord(rec)
		if err != nil {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Alpha2 < cs[j].Alpha2 })
	return cs, nil
}

// countryFromRecord converts one CSV record and checks its codes and status.
func countryFromRecord(f []string) (Country, error) {
	c := Country{
		Alpha2: f[0], Alpha3: f[1], Numeric: f[2],
		NameEN: f[3], NameFR: f[4], NameAR: f[5],
		Region: f[6], RegionName: f[7], Subregion: f[8], SubregionName: f[9],
		UNStatus: f[10], InterpolRegion: f[11],
	}
	switch {
	case !alpha2Pattern.MatchString(c.Alpha2):
		return c, fmt.Errorf("bad alpha2 %q", c.Alpha2)
	case !alpha3Pattern.MatchString(c.Alpha3):
		return c, fmt.Errorf("%s: bad alpha3 %q", c.Alpha2, c.Alpha3)
	case !numericPattern.MatchString(c.Numeric):
		return c, fmt.Errorf("%s: bad numeric %q", c.Alpha2, c.Numeric)
	case c.UNStatus != StatusMember && c.UNStatus != StatusObserver && c.UNStatus != StatusNone:
		return c, fmt.Errorf("%s: bad un_status %q", c.Alpha2, c.UNStatus)
	}
	return c, nil
}
