package server

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"bilat"
)

// The partners' pages: the list of countries, territories and
// organisations (searched by a name in any language or a code), and one
// partner's history across events.

// partnerPages is the partner part of the page table.
func (s *Server) partnerPages() []pageRoute {
	return []pageRoute{
		{"GET", "/partners", staff, s.partnerList},
		{"GET", "/partners/{partner}", staff, s.partnerPage},
	}
}

// partnerRegions are the UN M49 continents the list filters by, the
// codes PartnerFilter.Region takes.
var partnerRegions = []string{"002", "019", "142", "150", "009"}

// partnerListData is what the partners' list shows.
type partnerListData struct {
	Query   string
	Kind    string
	Region  string
	Active  bool // only partners with a delegation at some event
	Kinds   []bilat.PartnerKind
	Regions []string
	Rows    []partnerListRow
}

// partnerListRow is one partner of the list.
type partnerListRow struct {
	Partner     *bilat.Partner
	Delegations int // delegations at events, all events together
}

// partnerList lists the partners that match the search.
func (s *Server) partnerList(w http.ResponseWriter, r *http.Request, v *view) error {
	q := r.URL.Query()
	d := &partnerListData{Query: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind"), Region: q.Get("region"),
		Active: q.Get("active") != "", Kinds: bilat.PartnerKinds, Regions: partnerRegions}
	if d.Kind != "" && !slices.Contains(bilat.PartnerKinds, bilat.PartnerKind(d.Kind)) {
		return invalid("kind", "%q is not a kind of partner", d.Kind)
	}
	if d.Region != "" && !slices.Contains(partnerRegions, d.Region) {
		return invalid("region", "%q is not a UN M49 continent code", d.Region)
	}
	partners, err := s.partnerSearch(r.Context(), d)
	if err != nil {
		return err
	}
	counts, err := s.partnerDelegationCounts(r.Context())
	if err != nil {
		return err
	}
	for _, p := range partners {
		if d.Active && counts[p.ID] == 0 {
			continue
		}
		d.Rows = append(d.Rows, partnerListRow{Partner: p, Delegations: counts[p.ID]})
	}
	slices.SortStableFunc(d.Rows, func(a, b partnerListRow) int {
		return strings.Compare(strings.ToLower(v.PartnerName(a.Partner)), strings.ToLower(v.PartnerName(b.Partner)))
	})
	v.Title, v.Nav, v.Data = v.L.T("partner.list.title"), "partners", d
	return s.render(w, http.StatusOK, "partners", v)
}

// partnerSearch finds the partners of the list's filters. The store
// matches a substring of a name or code; the name resolver adds what
// differs only in accents, articles or spelling ("Ethiopie", "Türkiye").
func (s *Server) partnerSearch(ctx context.Context, d *partnerListData) ([]*bilat.Partner, error) {
	f := bilat.PartnerFilter{Kind: bilat.PartnerKind(d.Kind), Region: d.Region, Query: d.Query}
	found, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Partner, int, error) {
		f.Page = p
		return s.desk.ListPartners(ctx, f)
	})
	if err != nil || d.Query == "" || s.names == nil {
		return found, err
	}
	res, err := s.names.Resolve(ctx, d.Query)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, p := range found {
		seen[p.ID] = true
	}
	for _, m := range res.Matches {
		if m.Kind == "person" {
			continue
		}
		p, err := s.desk.PartnerByCode(ctx, m.Key)
		if bilat.ErrorCode(err) == bilat.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		if !seen[p.ID] && (d.Kind == "" || string(p.Kind) == d.Kind) && (d.Region == "" || p.Region == d.Region) {
			found, seen[p.ID] = append(found, p), true
		}
	}
	return found, nil
}

// partnerDelegationCounts counts every partner's delegations at events.
func (s *Server) partnerDelegationCounts(ctx context.Context) (map[int64]int, error) {
	counts := map[int64]int{}
	delegations, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Delegation, int, error) {
		return s.desk.ListDelegations(ctx, bilat.DelegationFilter{Page: p})
	})
	if err != nil {
		return nil, err
	}
	for _, x := range delegations {
		counts[x.PartnerID]++
	}
	return counts, nil
}

// partnerPage shows one partner's history.
func (s *Server) partnerPage(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := s.partner(r)
	if err != nil {
		return err
	}
	d, err := s.partnerHistory(r.Context(), v.L.Lang, p)
	if err != nil {
		return err
	}
	v.Title, v.Nav, v.Data = v.PartnerName(p), "partners", d
	return s.render(w, http.StatusOK, "partner", v)
}
