package server

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"bilat"
)

// The agreements registry: memoranda of understanding and other
// instruments through their life (draft, negotiation, signature, entry
// into force, expiry or termination), with their documents, review and
// expiry alerts, and the audit trail's history of each. Staff keep it;
// viewers may read the list, which is the kind of figure a report gives
// (kind, title, parties, dates), but not an agreement's page, its notes
// or its documents.

// agreementsPages is the registry's part of the page table.
func (s *Server) agreementsPages() []pageRoute {
	return []pageRoute{
		{"GET", "/agreements", staff | viewer, s.agreementsList},
		{"GET", "/agreements/new", staff, s.agreementsNew},
		{"POST", "/agreements/new", staff, s.agreementsCreate},
		{"GET", "/agreements/{id}", staff, s.agreementsDetail},
		{"GET", "/agreements/{id}/edit", staff, s.agreementsEdit},
		{"POST", "/agreements/{id}/edit", staff, s.agreementsUpdate},
		{"POST", "/agreements/{id}/transition", staff, s.agreementsTransition},
		{"POST", "/agreements/{id}/documents", staff, s.agreementsUpload},
		{"GET", "/documents/{id}", staff, s.agreementsDownload},
		{"POST", "/documents/{id}/delete", staff, s.agreementsDeleteDocument},
	}
}

// agreementsListData is what the registry's list shows.
type agreementsListData struct {
	Filter   *form
	Partner  *bilat.Partner // the partner filtered by, if any
	Rows     []*agreementsRow
	Alerts   []agreementsAlert
	Kinds    []string
	Statuses []bilat.AgreementStatus
}

// agreementsRow is one agreement with its parties' records.
type agreementsRow struct {
	Agreement *bilat.Agreement
	Parties   []*bilat.Partner
}

// agreementsAlert is an alert with the agreement's row.
type agreementsAlert struct {
	bilat.AgreementAlert
	Row *agreementsRow
}

// Day reads a stored YYYY-MM-DD date for the locale's date format.
func (agreementsListData) Day(date string) time.Time { return agreementsDay(date) }

func agreementsDay(date string) time.Time {
	t, _ := bilat.ParseDate(date)
	return t
}

// agreementsFilterKeys are the list's filters, in the form's order.
var agreementsFilterKeys = []string{"partner", "status", "kind", "expiring", "review"}

// agreementsList lists the registry with its filters and, above, the
// alerts of the whole registry.
func (s *Server) agreementsList(w http.ResponseWriter, r *http.Request, v *view) error {
	ctx := r.Context()
	today := time.Now()
	d := &agreementsListData{Filter: newForm(r.URL.Query()), Kinds: bilat.AgreementKinds, Statuses: bilat.AgreementStatuses}
	v.Title, v.Nav, v.Data = v.L.T("agreements.title"), "agreements", d
	f, err := s.agreementsFilter(ctx, d, today)
	if err != nil {
		if !d.Filter.Fail(v.L, err, agreementsFilterKeys...) {
			return err
		}
		return s.render(w, http.StatusBadRequest, "agreements", v)
	}
	everything, err := s.agreementsRows(ctx, bilat.AgreementFilter{})
	if err != nil {
		return err
	}
	d.Alerts = agreementsAlerts(everything, today)
	if d.Rows, err = s.agreementsRows(ctx, f); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "agreements", v)
}

// agreementsFilter reads the list's filters: a partner by code, a status,
// a kind, "expiring within N days" and "review due within N days"
// (overdue included).
func (s *Server) agreementsFilter(ctx context.Context, d *agreementsListData, today time.Time) (bilat.AgreementFilter, error) {
	var f bilat.AgreementFilter
	p := bilat.NewProblems("")
	q := d.Filter
	if code := strings.TrimSpace(q.Value("partner")); code != "" {
		partner, err := s.desk.PartnerByCode(ctx, strings.ToUpper(code))
		switch {
		case bilat.ErrorCode(err) == bilat.ENOTFOUND:
			p.Add("partner", "is not a partner code")
		case err != nil:
			return f, err
		default:
			d.Partner, f.PartnerID = partner, partner.ID
		}
	}
	if st := q.Value("status"); st != "" {
		f.Status = bilat.AgreementStatus(st)
		p.Check(f.Status.Valid(), "status", "is not an agreement status")
	}
	if k := q.Value("kind"); k != "" {
		f.Kind = k
		p.Check(slices.Contains(bilat.AgreementKinds, k), "kind", "is not a kind of agreement")
	}
	day := func(n int) string { return today.AddDate(0, 0, n).Format(bilat.DateLayout) }
	if n, ok := agreementsDays(p, q.Value("expiring"), "expiring"); ok {
		f.ExpiresFrom, f.ExpiresTo = day(0), day(n)
	}
	if n, ok := agreementsDays(p, q.Value("review"), "review"); ok {
		f.ReviewBy = day(n)
	}
	return f, p.Err("filter")
}

// agreementsDays reads a number of days between 0 and 3660 (ten years).
func agreementsDays(p bilat.Problems, s, field string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	ok := err == nil && n >= 0 && n <= 3660
	p.Check(ok, field, "must be a number of days from 0 to 3660")
	return n, ok
}

// agreementsRows reads the agreements of a filter with their parties,
// latest signed first.
func (s *Server) agreementsRows(ctx context.Context, f bilat.AgreementFilter) ([]*agreementsRow, error) {
	list, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Agreement, int, error) {
		f.Page = p
		return s.desk.ListAgreements(ctx, f)
	})
	if err != nil {
		return nil, err
	}
	partners := map[int64]*bilat.Partner{}
	out := make([]*agreementsRow, 0, len(list))
	for _, a := range list {
		row := &agreementsRow{Agreement: a}
		for _, id := range a.Parties {
			if partners[id] == nil {
				if partners[id], err = s.desk.Partner(ctx, id); err != nil {
					return nil, err
				}
			}
			row.Parties = append(row.Parties, partners[id])
		}
		out = append(out, row)
	}
	return out, nil
}

// agreementsAlerts computes the registry's alerts on the day today.
func agreementsAlerts(rows []*agreementsRow, today time.Time) []agreementsAlert {
	byID := map[int64]*agreementsRow{}
	list := make([]*bilat.Agreement, 0, len(rows))
	for _, row := range rows {
		byID[row.Agreement.ID] = row
		list = append(list, row.Agreement)
	}
	var out []agreementsAlert
	for _, a := range bilat.AgreementAlerts(list, today) {
		out = append(out, agreementsAlert{AgreementAlert: a, Row: byID[a.Agreement.ID]})
	}
	return out
}

// Date is the day the alert is about.
func (a agreementsAlert) Date() time.Time { return agreementsDay(a.On) }

// Ago is how many days past the alert's date is, for an overdue one.
func (a agreementsAlert) Ago() int { return -a.Days }

// agreementsKindOptions are the choices of the kind select.
func agreementsKindOptions(v *view) []option {
	out := []option{}
	for _, k := range bilat.AgreementKinds {
		out = append(out, option{k, v.L.T("agreements.kind." + k)})
	}
	return out
}
