package demo

import (
	"context"
	"slices"

	"bilat"
)

// deputyRoles name the host's two invented deputies.
var deputyRoles = []string{
	"Deputy Director General, International Cooperation",
	"Deputy Director General, Operations",
}

// createHost finds or creates the host organisation as a partner.
func (b *builder) createHost(ctx context.Context) error {
	h := b.src.Host
	p, err := b.ensurePartner(ctx, &bilat.Partner{
		Kind: bilat.KindNationalAgency, Code: hostCode,
		NameEN: h.NameEN, NameFR: h.NameFR, NameAR: hostNameAR,
		SeatCountry: h.Country, Aliases: []string{"DGSN", "DGST"},
	})
	b.host = p
	return err
}

// ensurePartner returns the partner with p's code, creating p if there is none.
func (b *builder) ensurePartner(ctx context.Context, p *bilat.Partner) (*bilat.Partner, error) {
	found, err := b.desk.PartnerByCode(ctx, p.Code)
	if bilat.ErrorCode(err) != bilat.ENOTFOUND {
		return found, err
	}
	if p.Aliases == nil {
		p.Aliases = []string{}
	}
	return p, b.desk.CreatePartner(ctx, b.actor, p)
}

// createHostDelegation records the Director General and two invented
// deputies as the host's delegation and as principals.
func (b *builder) createHostDelegation(ctx context.Context) error {
	if err := b.createDirector(ctx); err != nil {
		return err
	}
	members := []int64{b.dg.ID}
	for _, role := range deputyRoles {
		id, err := b.createDeputy(ctx, role)
		if err != nil {
			return err
		}
		members = append(members, id)
	}
	return b.desk.CreateDelegation(ctx, b.actor, &bilat.Delegation{
		EventID: b.event.ID, PartnerID: b.host.ID, HeadID: b.dg.ID,
		Members: members, IsHost: true,
		Notes: "The two deputies are illustrative.",
	})
}

// createDirector records the reported principal, with every spelling the
// press used as an alias, and makes him a principal of the event.
func (b *builder) createDirector(ctx context.Context) error {
	r := b.src.Host.Principal
	p := &bilat.Person{
		PartnerID: b.host.ID, Name: r.Name, Title: r.TitleEN,
		Languages: []string{"ar", "fr", "en"},
		Aliases:   aliases(r.Name, slices.Concat(r.Spellings, []string{principalNameAR})),
		Notes:     "Titre : " + r.TitleFR + ".",
	}
	if err := b.desk.CreatePerson(ctx, b.actor, p); err != nil {
		return err
	}
	pr := &bilat.Principal{EventID: b.event.ID, PersonID: p.ID}
	if err := b.desk.CreatePrincipal(ctx, b.actor, pr); err != nil {
		return err
	}
	b.dg, b.principal = p, pr
	return nil
}

// aliases returns the spellings other than name, each once.
func aliases(name string, spellings []string) []string {
	seen := map[string]bool{name: true}
	out := []string{}
	for _, s := range spellings {
		if !seen[s] {
			out = append(out, s)
			seen[s] = true
		}
	}
	return out
}

// createDeputy records an invented deputy of the Director General and
// returns the person's id.
func (b *builder) createDeputy(ctx context.Context, role string) (int64, error) {
	p := &bilat.Person{
		PartnerID: b.host.ID, Name: role, Title: "Deputy Director General",
		Languages: []string{"ar", "fr", "en"}, Aliases: []string{},
		Notes: illustrative + "an invented deputy, named by role; the press names no deputy.",
	}
	if err := b.desk.CreatePerson(ctx, b.actor, p); err != nil {
		return 0, err
	}
	return p.ID, b.desk.CreatePrincipal(ctx, b.actor, &bilat.Principal{
		EventID: b.event.ID, PersonID: p.ID, DeputyOf: b.principal.ID,
	})
}
