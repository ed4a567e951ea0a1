package resolve

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
)

//go:embed country_aliases.csv
var countryAliasesCSV string

// countryAliases parses the embedded file once.
var countryAliases = sync.OnceValue(func() map[string][]string {
	m, err := parseAliases(countryAliasesCSV)
	if err != nil {
		panic(err) // the file is embedded and covered by tests
	}
	return m
})

// CountryAliases returns, by ISO alpha-2 code, the extra names (EN, FR, AR;
// current, short and former) of countries and territories from the embedded
// country_aliases.csv. The map is a fresh copy.
func CountryAliases() map[string][]string {
	out := map[string][]string{}
	for code, names := range countryAliases() {
		out[code] = append([]string(nil), names...)
	}
	return out
}

// parseAliases reads "alpha2,name" rows after a header.
func parseAliases(data string) (map[string][]string, error) {
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("country aliases: %w", err)
	}
	if len(rows) == 0 || rows[0][0] != "alpha2" || len(rows[0]) != 2 {
		return nil, fmt.Errorf("country aliases: want header alpha2,name")
	}
	m := map[string][]string{}
	for i, r := range rows[1:] {
		if len(r[0]) != 2 || strings.TrimSpace(r[1]) == "" {
			return nil, fmt.Errorf("country aliases: bad row %d: %q", i+2, r)
		}
		m[r[0]] = append(m[r[0]], strings.TrimSpace(r[1]))
	}
	return m, nil
}
