package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"

	"bilat"
)

// auditRow is an audit entry as stored: the text the hash is computed over,
// byte for byte, with NULL kept apart from the empty string.
type auditRow struct {
	id                 int64
	at, actor, address string
	action, entity     string
	entityID           int64
	before, after      *string
	prevHash, hash     *string // nil on entries older than the chain
}

// localAddress is recorded for changes made on the database's machine (the
// command line, the demo builder), whose actor carries no network address:
// an explicit word rather than an empty field, so that an export says it.
const localAddress = "local"

func auditAddress(a bilat.Actor) string { return cmp.Or(a.Address, localAddress) }

// hashOf returns the hex SHA-256 of the entry chained to prev. The encoding
// is meant to be redone by an outside checker: each field in order (prev
// hash, id, at, actor, address, action, entity, entity id, before, after)
// as "n" for NULL, "i<digits>;" for a number or "s<byte length>:<bytes>"
// for text, so that no two entries encode alike.
func (r *auditRow) hashOf(prev string) string {
	var b []byte
	str := func(s *string) {
		if s == nil {
			b = append(b, 'n')
			return
		}
		b = append(b, 's')
		b = strconv.AppendInt(b, int64(len(*s)), 10)
		b = append(b, ':')
		b = append(b, *s...)
	}
	num := func(n int64) {
		b = append(b, 'i')
		b = strconv.AppendInt(b, n, 10)
		b = append(b, ';')
	}
	str(&prev)
	num(r.id)
	for _, s := range []*string{&r.at, &r.actor, &r.address, &r.action, &r.entity} {
		str(s)
	}
	num(r.entityID)
	str(r.before)
	str(r.after)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// appendAudit writes e as the chain's newest link. Locking the head row
// makes concurrent writers on PostgreSQL take turns until they commit (on
// SQLite the single write connection serialises them already), so every
// entry links to the one committed before it and ids follow the chain.
func appendAudit(ctx context.Context, tx *Tx, e *auditRow) error {
	q := "SELECT hash FROM audit_head WHERE id = 1"
	if tx.d == postgresDialect {
		q += " FOR UPDATE"
	}
	var prev string
	if err := tx.queryRow(ctx, q).Scan(&prev); err != nil {
		return fmt.Errorf("audit: chain head: %w", err)
	}
	err := tx.queryRow(ctx, "INSERT INTO audit (at, actor, address, action, entity, entity_id, before_json, after_json, prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		e.at, e.actor, e.address, e.action, e.entity, e.entityID, e.before, e.after, prev).Scan(&e.id)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	h := e.hashOf(prev)
	if _, err := tx.exec(ctx, "UPDATE audit SET hash = ? WHERE id = ?", h, e.id); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if _, err := tx.exec(ctx, "UPDATE audit_head SET last_id = ?, hash = ? WHERE id = 1", e.id, h); err != nil {
		return fmt.Errorf("audit: chain head: %w", err)
	}
	return nil
}

// VerifyAudit walks the audit chain, oldest first, in one snapshot of the
// database, and stops at the first broken link.
func (db *DB) VerifyAudit(ctx context.Context) (*bilat.AuditCheck, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.dialect == postgresDialect {
		opts.Isolation = sql.LevelRepeatableRead
	}
	stx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("audit verify: %w", err)
	}
	defer stx.Rollback()
	c := conn{c: stx, d: db.dialect}
	var headID int64
	var headHash string
	if err := c.queryRow(ctx, "SELECT last_id, hash FROM audit_head WHERE id = 1").Scan(&headID, &headHash); err != nil {
		return nil, fmt.Errorf("audit verify: chain head: %w", err)
	}
	rows, err := c.query(ctx, "SELECT id, at, actor, address, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("audit verify: %w", err)
	}
	defer rows.Close()
	w := chainWalk{seen: map[string]int64{}}
	for rows.Next() && w.check.Broken == nil {
		var r auditRow
		if err := rows.Scan(&r.id, &r.at, &r.actor, &r.address, &r.action, &r.entity, &r.entityID, &r.before, &r.after, &r.prevHash, &r.hash); err != nil {
			return nil, fmt.Errorf("audit verify: scan: %w", err)
		}
		w.step(&r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("audit verify: %w", err)
	}
	if w.check.Broken == nil {
		w.finish(headID, headHash)
	}
	return &w.check, nil
}

// chainWalk follows the chain entry by entry.
type chainWalk struct {
	check   bilat.AuditCheck
	started bool
	lastID  int64            // the last chained entry read
	seen    map[string]int64 // hash → entry, to tell a reordering from a deletion
}

func (w *chainWalk) step(r *auditRow) {
	w.check.Entries++
	if r.hash == nil && !w.started {
		w.check.Unchained++
		return
	}
	w.started = true
	if r.hash == nil || r.prevHash == nil {
		w.broken(r.id, bilat.AuditEdited, "entry %d has no hash, yet the chain began before it", r.id)
		return
	}
	if got := r.hashOf(*r.prevHash); got != *r.hash {
		w.broken(r.id, bilat.AuditEdited, "entry %d was changed: its fields no longer give its hash", r.id)
		return
	}
	if *r.prevHash != w.check.Head {
		if id, ok := w.seen[*r.prevHash]; ok {
			w.broken(r.id, bilat.AuditReordered, "entry %d links to entry %d, not to entry %d just before it", r.id, id, w.lastID)
		} else {
			w.broken(r.id, bilat.AuditDeleted, "entry %d links to an entry that is gone: an entry between %d and %d was deleted", r.id, w.lastID, r.id)
		}
		return
	}
	w.seen[*r.hash] = r.id
	w.check.Head, w.lastID = *r.hash, r.id
}

// finish compares the end of the chain with its head, which names the
// newest entry written.
func (w *chainWalk) finish(headID int64, headHash string) {
	switch {
	case headHash == w.check.Head:
	case headID > w.lastID:
		w.broken(headID, bilat.AuditTruncated, "the newest entries, up to entry %d, were deleted: the chain ends at entry %d", headID, w.lastID)
	default:
		w.broken(w.lastID, bilat.AuditEdited, "the chain goes on past entry %d, the newest one written: entries were added outside bilat", headID)
	}
}

func (w *chainWalk) broken(id int64, kind, format string, args ...any) {
	w.check.Broken = &bilat.AuditBreak{ID: id, Kind: kind, Detail: fmt.Sprintf(format, args...)}
}
