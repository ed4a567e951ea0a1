package server

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"bilat"
)

// The audit trail: every change with who made it, from where and when,
// browsed and filtered by the desk (administrators and desk officers), and
// exported as CSV with the same filters (page_audit_csv.go). The readable
// before/after comparison is in page_audit_diff.go.

func (s *Server) auditPages() []pageRoute {
	return []pageRoute{
		{"GET", "/audit", staff, s.auditPage},
		{"GET", "/audit.csv", staff, s.auditCSV},
	}
}

// auditPageSize is how many entries one page of the trail shows.
const auditPageSize = 50

// auditFilterKeys are the filter's query parameters, in the form's order.
var auditFilterKeys = []string{"entity", "entity_id", "actor", "action", "address", "from", "to"}

// auditDays turns the from and to days (UTC, the trail's clock) into the
// filter's bounds; to is included, so the bound is the next midnight.
// Days that do not parse are left unbounded: the query has already
// recorded their problem.
func auditDays(from, to string) (time.Time, time.Time) {
	var lo, hi time.Time
	if d, err := time.Parse(time.DateOnly, from); err == nil {
		lo = d
	}
	if d, err := time.Parse(time.DateOnly, to); err == nil {
		hi = d.AddDate(0, 0, 1)
	}
	return lo, hi
}

// readAuditFilter reads the filter of the page or of its CSV: the API's
// parameters (filter.go) without offset and limit. The page's own number
// and the interface language are not filters.
func readAuditFilter(r *http.Request) (bilat.AuditFilter, error) {
	q := &query{values: auditQuery(r.URL.Query()), problems: bilat.NewProblems("")}
	f := auditFilter(q, 0)
	return f, q.err()
}

// auditView is what the page shows.
type auditView struct {
	Filter      *form
	Entries     []auditLine
	Total       int
	Page, Pages int
	Prev, Next  string // links to the neighbouring pages, "" at the ends
	CSV         string // the export of the same entries
}

// auditLine is one entry with its changes laid out for reading.
type auditLine struct {
	*bilat.AuditEntry
	Changes []auditChange
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, v *view) error {
	d := &auditView{Filter: newForm(r.URL.Query())}
	v.Title, v.Nav, v.Data = v.L.T("audit.title"), "audit", d
	f, err := readAuditFilter(r)
	if err != nil {
		if !d.Filter.Fail(v.L, err, auditFilterKeys...) {
			return err
		}
		return s.render(w, http.StatusBadRequest, "audit", v)
	}
	d.Page = 1
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	f.Page = bilat.Page{Offset: (d.Page - 1) * auditPageSize, Limit: auditPageSize}
	entries, total, err := s.desk.ListAudit(r.Context(), f)
	if err != nil {
		return err
	}
	d.Total, d.Pages = total, max(1, (total+auditPageSize-1)/auditPageSize)
	for _, e := range entries {
		d.Entries = append(d.Entries, auditLine{AuditEntry: e, Changes: auditChanges(e.Before, e.After)})
	}
	d.links(auditQuery(r.URL.Query()))
	return s.render(w, http.StatusOK, "audit", v)
}

// links sets the paging and export links, keeping the filter.
func (d *auditView) links(q url.Values) {
	d.CSV = auditURL("/audit.csv", q)
	if d.Page > 1 {
		q.Set("page", strconv.Itoa(d.Page-1))
		d.Prev = auditURL("/audit", q)
	}
	if d.Page < d.Pages {
		q.Set("page", strconv.Itoa(d.Page+1))
		d.Next = auditURL("/audit", q)
	}
}

// auditURL is path with the query q, if any.
func auditURL(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// auditQuery keeps only the filter's non-empty parameters.
func auditQuery(in url.Values) url.Values {
	out := url.Values{}
	for _, k := range auditFilterKeys {
		if v := in.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}
