package store

import (
	"context"

	"bilat"
)

var schemes = &table[bilat.RegionScheme]{
	entity: "region scheme",
	name:   "schemes",
	cols:   []string{"slug", "name_en", "name_fr", "name_ar", "built_in", "regions", "members"},
	record: func(s *bilat.RegionScheme) *bilat.Record { return &s.Record },
	values: func(s *bilat.RegionScheme) []any {
		return []any{s.Slug, s.NameEN, s.NameFR, s.NameAR, s.BuiltIn, jsonCol{list(s.Regions)}, jsonCol{s.Members}}
	},
	dests: func(s *bilat.RegionScheme) []any {
		return []any{&s.Slug, &s.NameEN, &s.NameFR, &s.NameAR, &s.BuiltIn, jsonCol{&s.Regions}, jsonCol{&s.Members}}
	},
}

// CreateScheme adds a scheme an administrator defines.
func (db *DB) CreateScheme(ctx context.Context, a bilat.Actor, s *bilat.RegionScheme) error {
	s.BuiltIn = false
	if s.Members == nil {
		s.Members = map[string]string{}
	}
	return create(ctx, db, a, schemes, s, s.Validate, checkMembers)
}

// checkMembers checks that every member of the scheme is a known partner.
func checkMembers(ctx context.Context, c conn, s *bilat.RegionScheme) error {
	v := bilat.NewProblems("")
	for code := range s.Members {
		var n int
		if err := c.queryRow(ctx, "SELECT count(*) FROM partners WHERE code = ?", code).Scan(&n); err != nil {
			return err
		}
		v.Check(n == 1, "members."+code, "no partner has code %q", code)
	}
	return v.Err("region scheme")
}

// Scheme returns the scheme with slug.
func (db *DB) Scheme(ctx context.Context, slug string) (*bilat.RegionScheme, error) {
	xs, err := schemes.query(ctx, db.reader(), schemes.selectSQL()+" WHERE slug = ?", slug)
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		return nil, bilat.Errorf(bilat.ENOTFOUND, "region scheme %q not found", slug)
	}
	return xs[0], nil
}

// ListSchemes lists the built-in schemes, then the others, by slug.
func (db *DB) ListSchemes(ctx context.Context) ([]*bilat.RegionScheme, error) {
	xs, _, err := schemes.list(ctx, db.reader(), where{}, "built_in DESC, slug", bilat.Page{Limit: bilat.MaxLimit})
	return xs, err
}

// UpdateScheme changes a scheme an administrator defined.
func (db *DB) UpdateScheme(ctx context.Context, a bilat.Actor, s *bilat.RegionScheme) error {
	return db.inTx(ctx, a, func(tx *Tx) error {
		cur, err := schemes.get(ctx, tx.conn, s.ID)
		if err != nil {
			return err
		}
		if cur.BuiltIn {
			return bilat.Errorf(bilat.EFORBIDDEN, "built-in scheme %q cannot be changed; create your own instead", cur.Slug)
		}
		if err := merge(s.Validate(), checkMembers(ctx, tx.conn, s)); err != nil {
			return err
		}
		s.BuiltIn = false
		return schemes.update(ctx, tx, "update", s)
	})
}
