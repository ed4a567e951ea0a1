package demo

import (
	"cmp"
	"context"
	"slices"

	"bilat"
)

// createAttendance adds delegations of further countries until the visiting
// delegations reach the reported attendance. Which countries came is not
// reported: they are taken in a fixed order, UN members first, by code.
func (b *builder) createAttendance(ctx context.Context) error {
	need := b.src.Event.Attendance - len(b.parties)
	present := map[string]bool{b.event.Country: true}
	for _, c := range b.parties {
		present[c.partner.Code] = true
	}
	countries, err := b.countries(ctx)
	if err != nil {
		return err
	}
	for _, p := range countries {
		if need == 0 {
			return nil
		}
		if present[p.Code] {
			continue
		}
		if err := b.createAttending(ctx, p); err != nil {
			return err
		}
		need--
	}
	if need > 0 {
		return bilat.Errorf(bilat.EINTERNAL, "%d more countries are needed to reach %d delegations", need, b.src.Event.Attendance)
	}
	return nil
}

// countries returns every country partner, UN members first, by code.
func (b *builder) countries(ctx context.Context) ([]*bilat.Partner, error) {
	var all []*bilat.Partner
	for {
		page, total, err := b.desk.ListPartners(ctx, bilat.PartnerFilter{
			Kind: bilat.KindCountry, Page: bilat.Page{Offset: len(all), Limit: bilat.MaxLimit},
		})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			break
		}
	}
	slices.SortFunc(all, func(p, q *bilat.Partner) int {
		return cmp.Or(cmp.Compare(rankUN(p), rankUN(q)), cmp.Compare(p.Code, q.Code))
	})
	return all, nil
}

// rankUN orders UN members before the other countries.
func rankUN(p *bilat.Partner) int {
	if p.UNStatus == "member" {
		return 0
	}
	return 1
}

// createAttending records an illustrative delegation that makes no request.
func (b *builder) createAttending(ctx context.Context, p *bilat.Partner) error {
	return b.desk.CreateDelegation(ctx, b.actor, &bilat.Delegation{
		EventID: b.event.ID, PartnerID: p.ID, Members: []int64{},
		Notes:        illustrative + "the press reports the number of delegations, not which countries sent them.",
		Illustrative: true,
	})
}
