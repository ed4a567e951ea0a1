package store

import (
	"context"
	"encoding/json"
	"fmt"

	"bilat"
)

// ListAudit lists audit entries, newest first.
func (db *DB) ListAudit(ctx context.Context, f bilat.AuditFilter) ([]*bilat.AuditEntry, int, error) {
	var w where
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.Actor != "" {
		w.add("actor = ?", f.Actor)
	}
	p := f.Page.Normalize()
	c := db.reader()
	var total int
	if err := c.queryRow(ctx, "SELECT count(*) FROM audit "+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("audit: count: %w", err)
	}
	q := "SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit " + w.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?"
	rows, err := c.query(ctx, q, append(w.args, p.Limit, p.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("audit: %w", err)
	}
	defer rows.Close()
	out := []*bilat.AuditEntry{}
	for rows.Next() {
		e := &bilat.AuditEntry{}
		var before, after string
		if err := rows.Scan(&e.ID, tsCol{&e.At}, &e.Actor, &e.Action, &e.Entity, &e.EntityID, strCol{&before}, strCol{&after}); err != nil {
			return nil, 0, fmt.Errorf("audit: scan: %w", err)
		}
		e.Before, e.After = rawJSON(before), rawJSON(after)
		out = append(out, e)
	}
	return out, total, rows.Err()
}

func rawJSON(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}
