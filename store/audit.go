package store

import (
	"context"
	"encoding/json"
	"fmt"

	"bilat"
)

// ListAudit lists audit entries, newest first.
func (db *DB) ListAudit(ctx context.Context, f bilat.AuditFilter) ([]*bilat.AuditEntry, int, error) {
	w := auditWhere(f)
	p := f.Page.Normalize()
	c := db.reader()
	var total int
	if err := c.queryRow(ctx, "SELECT count(*) FROM audit "+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("audit: count: %w", err)
	}
	q := "SELECT id, at, actor, address, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit " + w.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?"
	rows, err := c.query(ctx, q, append(w.args, p.Limit, p.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("audit: %w", err)
	}
	defer rows.Close()
	out := []*bilat.AuditEntry{}
	for rows.Next() {
		e := &bilat.AuditEntry{}
		var before, after string
		err := rows.Scan(&e.ID, tsCol{&e.At}, &e.Actor, &e.Address, &e.Action, &e.Entity, &e.EntityID,
			strCol{&before}, strCol{&after}, strCol{&e.PrevHash}, strCol{&e.Hash})
		if err != nil {
			return nil, 0, fmt.Errorf("audit: scan: %w", err)
		}
		e.Before, e.After = rawJSON(before), rawJSON(after)
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// auditWhere turns a filter into conditions; every value is a parameter.
func auditWhere(f bilat.AuditFilter) where {
	var w where
	for _, c := range []struct{ col, v string }{
		{"entity", f.Entity}, {"actor", f.Actor}, {"action", f.Action}, {"address", f.Address},
	} {
		if c.v != "" {
			w.add(c.col+" = ?", c.v)
		}
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	// Instants are fixed-width UTC text, so they compare as strings.
	if !f.From.IsZero() {
		w.add("at >= ?", ts(f.From))
	}
	if !f.To.IsZero() {
		w.add("at < ?", ts(f.To))
	}
	return w
}

func rawJSON(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}
