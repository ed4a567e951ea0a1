package store

import (
	"context"
	"strconv"

	"bilat"
	"bilat/resolve"
)

// Resolve maps a name typed in English, French or Arabic to the partners
// and people it may mean, using official names, the built-in country
// aliases and the aliases recorded on each partner and person.
func (db *DB) Resolve(ctx context.Context, text string) (resolve.Result, error) {
	entries, err := db.nameEntries(ctx)
	if err != nil {
		return resolve.Result{}, err
	}
	return resolve.NewIndex(entries).Resolve(text), nil
}

func (db *DB) nameEntries(ctx context.Context) ([]resolve.Entry, error) {
	ps, err := partners.query(ctx, db.reader(), partners.selectSQL())
	if err != nil {
		return nil, err
	}
	extra := resolve.CountryAliases()
	entries := make([]resolve.Entry, 0, len(ps))
	for _, p := range ps {
		names := append([]string{p.NameEN, p.NameFR, p.NameAR, p.Code}, p.Aliases...)
		if p.Kind.IsGeographic() {
			names = append(append(names, p.Alpha3), extra[p.Code]...)
		}
		entries = append(entries, resolve.Entry{Kind: partnerKind(p.Kind), Key: p.Code, Label: p.NameEN, Names: names})
	}
	folks, err := people.query(ctx, db.reader(), people.selectSQL())
	if err != nil {
		return nil, err
	}
	for _, p := range folks {
		entries = append(entries, resolve.Entry{Kind: "person", Key: strconv.FormatInt(p.ID, 10), Label: p.Name, Names: append([]string{p.Name}, p.Aliases...)})
	}
	return entries, nil
}

func partnerKind(k bilat.PartnerKind) string {
	if k.IsGeographic() {
		return "country"
	}
	return "organisation"
}
