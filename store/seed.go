package store

import (
	"context"
	"fmt"

	"bilat"
	"bilat/geo"
)

// systemActor records the loading of reference data.
var systemActor = bilat.Actor{Name: "system"}

// seedReference loads what every database starts with: the ISO 3166-1
// countries and territories, the built-in region schemes and the default
// topics. It adds what is missing and leaves existing rows alone.
func (db *DB) seedReference(ctx context.Context) error {
	return db.inTx(ctx, systemActor, func(tx *Tx) error {
		if err := seedCountries(ctx, tx); err != nil {
			return err
		}
		if err := seedSchemes(ctx, tx); err != nil {
			return err
		}
		return seedTopics(ctx, tx)
	})
}

func existingCodes(ctx context.Context, tx *Tx, q string) (map[string]bool, error) {
	rows, err := tx.query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		have[c] = true
	}
	return have, rows.Err()
}

func seedCountries(ctx context.Context, tx *Tx) error {
	have, err := existingCodes(ctx, tx, "SELECT code FROM partners")
	if err != nil {
		return fmt.Errorf("seed countries: %w", err)
	}
	for _, c := range geo.Countries() {
		if have[c.Alpha2] {
			continue
		}
		p := countryPartner(c)
		if err := partners.insert(ctx, tx, "seed", p); err != nil {
			return fmt.Errorf("seed country %s: %w", c.Alpha2, err)
		}
	}
	return nil
}

func countryPartner(c geo.Country) *bilat.Partner {
	kind := bilat.KindCountry
	if c.UNStatus == "none" {
		kind = bilat.KindTerritory
	}
	return &bilat.Partner{Kind: kind, Code: c.Alpha2, Alpha3: c.Alpha3, Numeric: c.Numeric,
		NameEN: c.NameEN, NameFR: c.NameFR, NameAR: c.NameAR, Region: c.Region, Subregion: c.Subregion,
		UNStatus: c.UNStatus, Aliases: []string{}}
}

func seedSchemes(ctx context.Context, tx *Tx) error {
	have, err := existingCodes(ctx, tx, "SELECT slug FROM schemes")
	if err != nil {
		return fmt.Errorf("seed schemes: %w", err)
	}
	for _, s := range geo.BuiltinSchemes() {
		if have[s.Slug] {
			continue
		}
		rs := &bilat.RegionScheme{Slug: s.Slug, NameEN: s.NameEN, NameFR: s.NameFR, NameAR: s.NameAR, BuiltIn: true, Members: s.Members}
		for _, r := range s.Regions {
			rs.Regions = append(rs.Regions, bilat.SchemeRegion{Code: r.Code, NameEN: r.NameEN, NameFR: r.NameFR, NameAR: r.NameAR})
		}
		if err := schemes.insert(ctx, tx, "seed", rs); err != nil {
			return fmt.Errorf("seed scheme %s: %w", s.Slug, err)
		}
	}
	return nil
}

func seedTopics(ctx context.Context, tx *Tx) error {
	have, err := existingCodes(ctx, tx, "SELECT code FROM topics")
	if err != nil {
		return fmt.Errorf("seed topics: %w", err)
	}
	for _, t := range bilat.DefaultTopics {
		if have[t.Code] {
			continue
		}
		if err := topics.insert(ctx, tx, "seed", &t); err != nil {
			return fmt.Errorf("seed topic %s: %w", t.Code, err)
		}
	}
	return nil
}
