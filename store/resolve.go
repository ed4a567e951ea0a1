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
	ix, err := db.nameIndex(ctx)
	if err != nil {
		return resolve.Result{}, err
	}
	return ix.Resolve(text), nil
}

// nameIndex returns the index of every partner's and person's names,
// rebuilt only when those records changed. The check reads counts and the
// latest change in the database, not a flag in memory, so a change made
// through another server sharing a PostgreSQL database is seen too.
func (db *DB) nameIndex(ctx context.Context) (*resolve.Index, error) {
	key, err := db.namesKey(ctx)
	if err != nil {
		return nil, err
	}
	db.names.Lock()
	defer db.names.Unlock()
	if db.names.index != nil && db.names.key == key {
		return db.names.index, nil
	}
	entries, err := db.nameEntries(ctx)
	if err != nil {
		return nil, err
	}
	db.names.index, db.names.key = resolve.NewIndex(entries), key
	return db.names.index, nil
}

// namesKey summarises the state of partners and people: records are never
// deleted, so their counts and latest update times change with any edit.
func (db *DB) namesKey(ctx context.Context) (string, error) {
	var key string
	for _, t := range []string{"partners", "people"} {
		var n int
		var latest string
		q := "SELECT count(*), coalesce(max(updated_at), '') FROM " + t
		if err := db.reader().queryRow(ctx, q).Scan(&n, &latest); err != nil {
			return "", err
		}
		key += t + strconv.Itoa(n) + latest
	}
	return key, nil
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
