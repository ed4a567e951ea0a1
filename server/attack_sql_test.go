package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"bilat"
)

// attackSQL are values that would change a query built by pasting text
// into SQL.
var attackSQL = []string{`' OR 1=1 --`, `"; DROP TABLE requests; --`, `\`, `%' OR '1'='1`, `x' UNION SELECT password_hash FROM users --`}

// attackWildcards would widen a LIKE pattern that does not escape them.
var attackWildcards = []string{`%`, `_`}

// Every filter and search of the API takes SQL metacharacters as data:
// no error of the server, and every row it returns holds the value
// literally (none does in the demo), so a wildcard or a quote never
// widens a search.
func TestAttackSQLInAPIFilters(t *testing.T) {
	attackAPIFilters(t, attackSQL)
}

// A search for "%" or "_" must find the records that hold one, not
// every record.
func TestAttackSQLWildcardsInAPIFilters(t *testing.T) {
	attackAPIFilters(t, attackWildcards)
}

// attackAPIFilters tries values in every filter and search of the API.
func attackAPIFilters(t *testing.T, values []string) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	before := attackTables(t, s)
	e := api + "/events/" + s.event.Slug
	lists := []string{
		api + "/partners?q=", api + "/partners?region=", api + "/people?q=", api + "/events?q=",
		e + "/requests?topic=", e + "/requests?region=",
		api + "/audit?entity=", api + "/audit?actor=", api + "/audit?action=", api + "/audit?address=",
	}
	for _, list := range lists {
		for _, x := range values {
			path := list + url.QueryEscape(x)
			status, _, body := w.call(t, "desk", "GET", path, true)
			if status != http.StatusOK {
				t.Errorf("GET %s: status %d %s", path, status, body)
				continue
			}
			var page struct{ Items []json.RawMessage }
			if err := json.Unmarshal([]byte(body), &page); err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			for _, item := range page.Items {
				if !attackHolds(item, x) {
					t.Errorf("GET %s: a row without %q: %.200s", path, x, item)
					break
				}
			}
		}
	}
	for _, x := range values {
		path := api + "/resolve?q=" + url.QueryEscape(x)
		if status, _, body := w.call(t, "desk", "GET", path, true); status != http.StatusOK {
			t.Errorf("GET %s: status %d %s", path, status, body)
		}
	}
	attackTablesStill(t, s, before)
}

// The desk's pages with a search or a filter take SQL metacharacters as
// data: no error page, the value shown back as typed, no row found.
func TestAttackSQLInPageFilters(t *testing.T) {
	attackPageFilters(t, attackSQL)
}

// A search for "%" or "_" on the desk's pages must not list everything.
func TestAttackSQLWildcardsInPageFilters(t *testing.T) {
	attackPageFilters(t, attackWildcards)
}

// attackPageFilters tries values in the desk's searches and filters.
func attackPageFilters(t *testing.T, values []string) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	before := attackTables(t, s)
	e := "/events/" + s.event.Slug
	// rows is what a found record looks like on each page.
	pages := []struct{ list, rows string }{
		{"/partners?q=", `main tr[data-code]`},
		{"/directory?q=", `main tbody tr[data-id]`},
		{e + "/requests?topic=", `main tr[id^="request-"]`},
		{e + "/requests?region=", `main tr[id^="request-"]`},
		{"/audit?actor=", `main tbody tr[data-id]`},
		{"/audit?entity=", `main tbody tr[data-id]`},
		{"/audit?action=", `main tbody tr[data-id]`},
		{"/audit?address=", `main tbody tr[data-id]`},
	}
	for _, p := range pages {
		for _, x := range values {
			path := p.list + url.QueryEscape(x)
			status, _, body := w.call(t, "desk", "GET", path, false)
			if status != http.StatusOK {
				t.Errorf("GET %s: status %d", path, status)
				continue
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			// The partners' search adds what the name resolver suggests
			// (spellings, accents): those rows are data too.
			suggested := map[string]bool{}
			if res, err := s.db.Resolve(context.Background(), x); err == nil {
				for _, m := range res.Matches {
					suggested[m.Key] = true
				}
			}
			doc.Find(p.rows).Each(func(_ int, row *goquery.Selection) {
				if code, ok := row.Attr("data-code"); !ok || !suggested[code] {
					t.Errorf("GET %s: a row found for a value no record holds: %s", path, strings.Join(strings.Fields(row.Text()), " "))
				}
			})
		}
	}
	attackTablesStill(t, s, before)
}

// attackHolds reports whether a JSON record holds a value, in any case,
// in one of its texts (not its field names).
func attackHolds(item json.RawMessage, value string) bool {
	var v any
	if err := json.Unmarshal(item, &v); err != nil {
		return false
	}
	var walk func(any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case string:
			return strings.Contains(strings.ToLower(x), strings.ToLower(value))
		case []any:
			return slices.ContainsFunc(x, walk)
		case map[string]any:
			for _, y := range x {
				if walk(y) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// attackCounts are the sizes of the tables an injection would empty.
type attackCounts struct{ requests, partners, users int }

func attackTables(t *testing.T, s *site) attackCounts {
	t.Helper()
	ctx := context.Background()
	_, requests, err1 := s.db.ListRequests(ctx, bilat.RequestFilter{EventID: s.event.ID, Page: bilat.Page{Limit: 1}})
	_, partners, err2 := s.db.ListPartners(ctx, bilat.PartnerFilter{Page: bilat.Page{Limit: 1}})
	_, users, err3 := s.db.ListUsers(ctx, bilat.UserFilter{Page: bilat.Page{Limit: 1}})
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return attackCounts{requests, partners, users}
}

// attackTablesStill checks that the tables are there and whole.
func attackTablesStill(t *testing.T, s *site, before attackCounts) {
	t.Helper()
	if after := attackTables(t, s); after != before {
		t.Errorf("the tables changed: %+v, were %+v", after, before)
	}
}
