package server

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"bilat"
)

// query reads and checks the parameters of a request's URL, collecting a
// problem for each bad one. It also records every parameter it is asked
// for: reading a filter from an empty query is how the OpenAPI document
// learns a route's parameters, so the two cannot drift apart.
type query struct {
	values   url.Values
	problems bilat.Problems
	params   []param
}

// param is one documented query parameter.
type param struct {
	name     string
	doc      string
	required bool
	schema   *schema
}

// newQuery returns a reader of the request's query parameters.
func newQuery(r *http.Request) *query {
	return &query{values: r.URL.Query(), problems: bilat.NewProblems("")}
}

// describe returns the parameters that read asks for.
func describe(read func(*query)) []param {
	q := &query{values: url.Values{}, problems: bilat.NewProblems("")}
	read(q)
	return q.params
}

// err returns nil when every parameter read was good and no other was
// given: a misspelt filter (?stauts=held) is refused rather than ignored.
func (q *query) err() error {
	known := map[string]bool{}
	names := make([]string, 0, len(q.params))
	for _, p := range q.params {
		known[p.name] = true
		names = append(names, p.name)
	}
	for _, name := range slices.Sorted(maps.Keys(q.values)) {
		q.problems.Check(known[name], name, "is not a parameter here; this route takes %s", strings.Join(names, ", "))
	}
	return q.problems.Err("query parameters")
}

// get records the parameter and returns its value, "" when absent.
func (q *query) get(name, doc string, s *schema) string {
	q.params = append(q.params, param{name: name, doc: doc, schema: s})
	return q.values.Get(name)
}

// text reads a free-text parameter.
func (q *query) text(name, doc string) string {
	return q.get(name, doc, &schema{Type: "string"})
}

// need reads a free-text parameter that must not be blank.
func (q *query) need(name, doc string) string {
	v := q.text(name, doc)
	q.params[len(q.params)-1].required = true
	q.problems.Required(v, name)
	return v
}

// id reads a record id; absent is 0.
func (q *query) id(name, doc string) int64 {
	v := q.get(name, doc, &schema{Type: "integer", Format: "int64", Minimum: ptr(1)})
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	q.problems.Check(err == nil && n > 0, name, "must be a record id (a positive integer), not %q", v)
	return n
}

// number reads an integer between lo and hi; absent is 0.
func (q *query) number(name, doc string, lo, hi int) int {
	v := q.get(name, doc, &schema{Type: "integer", Minimum: ptr(lo), Maximum: ptr(hi)})
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	q.problems.Check(err == nil && n >= lo && n <= hi, name, "must be an integer from %d to %d, not %q", lo, hi, v)
	return n
}

// day reads a calendar day written YYYY-MM-DD.
func (q *query) day(name, doc string) string {
	v := q.get(name, doc, &schema{Type: "string", Format: "date"})
	q.problems.Date(v, name)
	return v
}

// oneOf reads a parameter that must be one of values; absent is "".
func oneOf[S ~string](q *query, name, doc string, values []S) S {
	v := S(q.get(name, doc, &schema{Type: "string", Enum: asStrings(values)}))
	if v == "" {
		return v
	}
	for _, x := range values {
		if v == x {
			return v
		}
	}
	q.problems.Add(name, "must be one of %s, not %q", strings.Join(asStrings(values), ", "), v)
	return v
}

// page reads offset and limit, with bilat's defaults and bounds.
func (q *query) page() bilat.Page {
	return bilat.Page{
		Offset: q.number("offset", "rows to skip", 0, 1<<31-1),
		Limit:  q.number("limit", "rows to return at most (default 50)", 1, bilat.MaxLimit),
	}.Normalize()
}

// asStrings converts a list of string-like values.
func asStrings[S ~string](values []S) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func ptr[T any](v T) *T { return &v }
