package store_test

import (
	"fmt"
	"testing"

	"bilat"
	"bilat/store"
)

// BenchmarkRequests measures, on both databases, listing the requests of
// an event of 196 delegations with 2,000 requests, and creating one
// request with its audit row.
//
//	go test ./store -run '^$' -bench Requests -count 5
func BenchmarkRequests(b *testing.B) {
	open := map[string]func(testing.TB) *store.DB{"sqlite": MustOpenSQLite, "postgres": MustOpenPostgres}
	for _, kind := range []string{"sqlite", "postgres"} {
		b.Run(kind, func(b *testing.B) {
			db := open[kind](b)
			f, delegations := bigEvent(b, db)
			b.Run("list-page-50", func(b *testing.B) {
				for b.Loop() {
					xs, total, err := db.ListRequests(ctx, bilat.RequestFilter{EventID: f.event.ID})
					if err != nil || total != 2000 || len(xs) != 50 {
						b.Fatalf("%d of %d: %v", len(xs), total, err)
					}
				}
			})
			b.Run("list-all-2000", func(b *testing.B) {
				for b.Loop() {
					n := 0
					for off := 0; off < 2000; off += bilat.MaxLimit {
						xs, _, err := db.ListRequests(ctx, bilat.RequestFilter{EventID: f.event.ID, Page: bilat.Page{Offset: off, Limit: bilat.MaxLimit}})
						must(b, err)
						n += len(xs)
					}
					if n != 2000 {
						b.Fatalf("listed %d", n)
					}
				}
			})
			b.Run("create-with-audit", func(b *testing.B) {
				i := 0
				for b.Loop() {
					d := delegations[i%len(delegations)]
					i++
					must(b, db.CreateRequest(ctx, tester, benchRequest(f, d)))
				}
			})
		})
	}
}

// bigEvent builds an event with 196 visiting delegations and 2,000
// requests spread over them.
func bigEvent(b *testing.B, db *store.DB) (*fixture, []*bilat.Delegation) {
	b.Helper()
	f := newFixture(b, db)
	all, _, err := db.ListPartners(ctx, bilat.PartnerFilter{Kind: bilat.KindCountry, Page: bilat.Page{Limit: 1000}})
	must(b, err)
	delegations := append([]*bilat.Delegation{}, f.delegation...)
	for _, p := range all {
		if len(delegations) == 196 {
			break
		}
		if p.Code == "CZ" || p.Code == "NO" || p.Code == "ET" {
			continue
		}
		d := &bilat.Delegation{EventID: f.event.ID, PartnerID: p.ID}
		must(b, db.CreateDelegation(ctx, tester, d))
		delegations = append(delegations, d)
	}
	for i := len(f.requests); i < 2000; i++ {
		must(b, db.CreateRequest(ctx, tester, benchRequest(f, delegations[i%len(delegations)])))
	}
	return f, delegations
}

func benchRequest(f *fixture, d *bilat.Delegation) *bilat.Request {
	return &bilat.Request{EventID: f.event.ID, DelegationID: d.ID, Targets: []bilat.Target{{PrincipalID: f.principal.ID, Preference: 1}, {PrincipalID: f.deputy.ID, Preference: 2}},
		Topics: []string{"cybercrime", "terrorism"}, DurationMin: 30, Priority: 1 + int(d.ID%5), Languages: []string{"en"}, Notes: fmt.Sprintf("request from delegation %d", d.ID)}
}
