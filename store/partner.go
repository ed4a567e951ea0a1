package store

import (
	"context"
	"strings"

	"bilat"
)

var partners = &table[bilat.Partner]{
	entity: "partner",
	name:   "partners",
	cols:   []string{"kind", "code", "alpha3", "numeric_code", "name_en", "name_fr", "name_ar", "region", "subregion", "un_status", "seat_country", "aliases", "notes", "notes_restricted"},
	record: func(p *bilat.Partner) *bilat.Record { return &p.Record },
	values: func(p *bilat.Partner) []any {
		return []any{p.Kind, p.Code, nullStr(p.Alpha3), nullStr(p.Numeric), p.NameEN, p.NameFR, p.NameAR, nullStr(p.Region),
			nullStr(p.Subregion), nullStr(p.UNStatus), nullStr(p.SeatCountry), jsonCol{list(p.Aliases)}, nullStr(p.Notes), p.NotesRestricted}
	},
	dests: func(p *bilat.Partner) []any {
		return []any{&p.Kind, &p.Code, strCol{&p.Alpha3}, strCol{&p.Numeric}, &p.NameEN, &p.NameFR, &p.NameAR, strCol{&p.Region},
			strCol{&p.Subregion}, strCol{&p.UNStatus}, strCol{&p.SeatCountry}, jsonCol{&p.Aliases}, strCol{&p.Notes}, &p.NotesRestricted}
	},
}

// CreatePartner creates an organisation. Countries and territories come
// from the built-in ISO 3166-1 list and cannot be created.
func (db *DB) CreatePartner(ctx context.Context, a bilat.Actor, p *bilat.Partner) error {
	p.Aliases = list(p.Aliases)
	v := bilat.NewProblems("")
	v.Check(!p.Kind.IsGeographic(), "kind", "countries and territories come from the built-in ISO 3166-1 list and cannot be created")
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := merge(p.Validate(), v.Err("partner"), checkSeat(ctx, tx.conn, p)); err != nil {
			return err
		}
		return partners.insert(ctx, tx, "create", p)
	})
}

func checkSeat(ctx context.Context, c conn, p *bilat.Partner) error {
	if p.SeatCountry == "" {
		return nil
	}
	var n int
	if err := c.queryRow(ctx, "SELECT count(*) FROM partners WHERE code = ? AND kind IN ('country', 'territory')", p.SeatCountry).Scan(&n); err != nil {
		return err
	}
	v := bilat.NewProblems("")
	v.Check(n == 1, "seat_country", "%q is not an ISO 3166-1 country code", p.SeatCountry)
	return v.Err("partner")
}

// Partner returns the partner with id.
func (db *DB) Partner(ctx context.Context, id int64) (*bilat.Partner, error) {
	return partners.get(ctx, db.reader(), id)
}

// PartnerByCode returns the partner with code (case-insensitive).
func (db *DB) PartnerByCode(ctx context.Context, code string) (*bilat.Partner, error) {
	xs, err := partners.query(ctx, db.reader(), partners.selectSQL()+" WHERE code = ?", strings.ToUpper(code))
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		return nil, bilat.Errorf(bilat.ENOTFOUND, "partner %q not found", code)
	}
	return xs[0], nil
}

// ListPartners lists partners by kind, then name. Its query never matches
// notes, which may be restricted to the desk.
func (db *DB) ListPartners(ctx context.Context, f bilat.PartnerFilter) ([]*bilat.Partner, int, error) {
	var w where
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.Region != "" {
		w.add("region = ?", f.Region)
	}
	if f.Query != "" {
		like, e := contains(f.Query), likeEscape
		w.add("(lower(name_en) LIKE ?"+e+" OR lower(name_fr) LIKE ?"+e+" OR name_ar LIKE ?"+e+" OR lower(code) LIKE ?"+e+" OR lower(aliases) LIKE ?"+e+")", like, like, like, like, like)
	}
	return partners.list(ctx, db.reader(), w, "name_en, id", f.Page)
}

// UpdatePartner changes a partner. For countries and territories only the
// aliases and notes may change: their codes, names and regions are the
// reviewed built-in data.
func (db *DB) UpdatePartner(ctx context.Context, a bilat.Actor, p *bilat.Partner) error {
	p.Aliases = list(p.Aliases)
	return db.inTx(ctx, a, func(tx *Tx) error {
		cur, err := partners.get(ctx, tx.conn, p.ID)
		if err != nil {
			return err
		}
		if err := merge(p.Validate(), checkFixedPartner(cur, p), checkSeat(ctx, tx.conn, p)); err != nil {
			return err
		}
		return partners.update(ctx, tx, "update", p)
	})
}

func checkFixedPartner(cur, p *bilat.Partner) error {
	v := bilat.NewProblems("")
	if cur.Kind.IsGeographic() {
		v.Check(p.Kind == cur.Kind, "kind", "cannot change for a country or territory")
		v.Check(p.Code == cur.Code, "code", "cannot change for a country or territory")
		v.Check(p.NameEN == cur.NameEN && p.NameFR == cur.NameFR && p.NameAR == cur.NameAR, "name_en", "official names of countries come from the built-in list; add an alias instead")
		v.Check(p.Region == cur.Region && p.Subregion == cur.Subregion && p.UNStatus == cur.UNStatus, "region", "cannot change for a country or territory")
	} else {
		v.Check(!p.Kind.IsGeographic(), "kind", "an organisation cannot become a country or territory")
	}
	return v.Err("partner")
}
