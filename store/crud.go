package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"bilat"
)

// table describes how one entity is kept: its SQL table and columns, how
// to read and write a row, and how to load and save its child lists.
// The generic methods below do the rest, always with the audit row.
type table[T any] struct {
	entity string // name in messages and in the audit trail
	name   string // SQL table
	cols   []string
	record func(*T) *bilat.Record
	values func(*T) []any // in cols order
	dests  func(*T) []any // in cols order
	load   func(ctx context.Context, c conn, xs []*T) error
	save   func(ctx context.Context, tx *Tx, x *T) error
}

func (t *table[T]) selectSQL() string {
	return "SELECT " + t.name + ".id, " + t.name + ".version, " + t.name + ".created_at, " + t.name + ".updated_at, " +
		t.name + "." + strings.Join(t.cols, ", "+t.name+".") + " FROM " + t.name
}

func (t *table[T]) scan(rows interface{ Scan(...any) error }) (*T, error) {
	x := new(T)
	r := t.record(x)
	dests := append([]any{&r.ID, &r.Version, tsCol{&r.CreatedAt}, tsCol{&r.UpdatedAt}}, t.dests(x)...)
	return x, rows.Scan(dests...)
}

// get reads one record by id.
func (t *table[T]) get(ctx context.Context, c conn, id int64) (*T, error) {
	xs, err := t.query(ctx, c, t.selectSQL()+" WHERE "+t.name+".id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		return nil, bilat.Errorf(bilat.ENOTFOUND, "%s %d not found", t.entity, id)
	}
	return xs[0], nil
}

// query runs a full select and loads child lists.
func (t *table[T]) query(ctx context.Context, c conn, q string, args ...any) ([]*T, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: query: %w", t.entity, err)
	}
	defer rows.Close()
	var xs []*T
	for rows.Next() {
		x, err := t.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: scan: %w", t.entity, err)
		}
		xs = append(xs, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: rows: %w", t.entity, err)
	}
	if t.load != nil && len(xs) > 0 {
		if err := t.load(ctx, c, xs); err != nil {
			return nil, fmt.Errorf("%s: load: %w", t.entity, err)
		}
	}
	return xs, nil
}

// where collects the conditions of a list query.
type where struct {
	joins []string
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	s := strings.Join(w.joins, " ")
	if len(w.conds) > 0 {
		s += " WHERE " + strings.Join(w.conds, " AND ")
	}
	return s
}

// list reads one page of records matching w, with the total count.
func (t *table[T]) list(ctx context.Context, c conn, w where, order string, p bilat.Page) ([]*T, int, error) {
	p = p.Normalize()
	var total int
	if err := c.queryRow(ctx, "SELECT count(*) FROM "+t.name+" "+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("%s: count: %w", t.entity, err)
	}
	if order == "" {
		order = t.name + ".id"
	}
	q := t.selectSQL() + " " + w.sql() + " ORDER BY " + order + " LIMIT ? OFFSET ?"
	xs, err := t.query(ctx, c, q, append(w.args, p.Limit, p.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	return list(xs), total, nil
}

// insert creates the record, its child lists and its audit row.
func (t *table[T]) insert(ctx context.Context, tx *Tx, action string, x *T) error {
	r := t.record(x)
	r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
	cols := append(append([]string{}, t.cols...), "version", "created_at", "updated_at")
	args := append(t.values(x), r.Version, ts(r.CreatedAt), ts(r.UpdatedAt))
	q := "INSERT INTO " + t.name + " (" + strings.Join(cols, ", ") + ") VALUES (" + placeholders(len(cols)) + ") RETURNING id"
	if err := tx.queryRow(ctx, q, args...).Scan(&r.ID); err != nil {
		return t.writeError(err)
	}
	if t.save != nil {
		if err := t.save(ctx, tx, x); err != nil {
			return t.writeError(err)
		}
	}
	return audit(ctx, tx, action, t.entity, r.ID, nil, x)
}

// update writes the record if its version is still the one stored, then
// bumps the version and appends the audit row with before and after.
func (t *table[T]) update(ctx context.Context, tx *Tx, action string, x *T) error {
	r := t.record(x)
	before, err := t.get(ctx, tx.conn, r.ID)
	if err != nil {
		return err
	}
	if cur := t.record(before).Version; cur != r.Version {
		return staleVersion(t.entity, r.ID, cur, r.Version)
	}
	set := strings.Join(t.cols, " = ?, ") + " = ?, version = version + 1, updated_at = ?"
	args := append(t.values(x), ts(tx.now), r.ID, r.Version)
	res, err := tx.exec(ctx, "UPDATE "+t.name+" SET "+set+" WHERE id = ? AND version = ?", args...)
	if err != nil {
		return t.writeError(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return staleVersion(t.entity, r.ID, r.Version+1, r.Version)
	}
	r.Version++
	r.CreatedAt, r.UpdatedAt = t.record(before).CreatedAt, tx.now
	if t.save != nil {
		if err := t.save(ctx, tx, x); err != nil {
			return t.writeError(err)
		}
	}
	return audit(ctx, tx, action, t.entity, r.ID, before, x)
}

func staleVersion(entity string, id int64, current, sent int) error {
	return bilat.Errorf(bilat.ECONFLICT, "%s %d was changed by someone else (version %d is current, this change was made from version %d): reload it and try again", entity, id, current, sent)
}

// writeError turns a constraint violation into a conflict a person can act
// on; anything else stays internal.
func (t *table[T]) writeError(err error) error {
	var e *bilat.Error
	if errors.As(err, &e) {
		return err
	}
	msg := strings.ToLower(err.Error())
	if strings.Contains(msg, "unique") || strings.Contains(msg, "duplicate key") {
		return bilat.Errorf(bilat.ECONFLICT, "this %s already exists", t.entity)
	}
	if strings.Contains(msg, "foreign key") {
		return bilat.Errorf(bilat.EINVALID, "this %s refers to a record that does not exist", t.entity)
	}
	return fmt.Errorf("%s: write: %w", t.entity, err)
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// audit appends one row to the audit trail in the change's transaction.
func audit(ctx context.Context, tx *Tx, action, entity string, id int64, before, after any) error {
	b, err := auditJSON(before)
	if err != nil {
		return err
	}
	a, err := auditJSON(after)
	if err != nil {
		return err
	}
	e := auditRow{at: ts(tx.now), actor: tx.actor.Name, address: auditAddress(tx.actor),
		action: action, entity: entity, entityID: id, before: b, after: a}
	return appendAudit(ctx, tx, &e)
}

// auditJSON encodes a before or after state; nil stays NULL.
func auditJSON(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	s := string(b)
	return &s, nil
}

// ids and strs are child lists kept in a join table with a position.
type childList struct {
	table, parent, item string
}

// saveIDs replaces the child list of parent id.
func saveList[E any](ctx context.Context, tx *Tx, l childList, id int64, items []E) error {
	if _, err := tx.exec(ctx, "DELETE FROM "+l.table+" WHERE "+l.parent+" = ?", id); err != nil {
		return err
	}
	for i, it := range items {
		q := "INSERT INTO " + l.table + " (" + l.parent + ", " + l.item + ", position) VALUES (?, ?, ?)"
		if _, err := tx.exec(ctx, q, id, it, i); err != nil {
			return err
		}
	}
	return nil
}

// loadLists reads the child lists of every parent in ids, in order.
func loadLists[E any](ctx context.Context, c conn, l childList, ids []int64) (map[int64][]E, error) {
	out := make(map[int64][]E, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q := "SELECT " + l.parent + ", " + l.item + " FROM " + l.table + " WHERE " + l.parent + " IN (" + placeholders(len(ids)) + ") ORDER BY " + l.parent + ", position"
	rows, err := c.query(ctx, q, anys(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var it E
		if err := rows.Scan(&id, &it); err != nil {
			return nil, err
		}
		out[id] = append(out[id], it)
	}
	return out, rows.Err()
}

func anys[E any](xs []E) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// idsOf returns the ids of records.
func idsOf[T any](record func(*T) *bilat.Record, xs []*T) []int64 {
	ids := make([]int64, len(xs))
	for i, x := range xs {
		ids[i] = record(x).ID
	}
	return ids
}

// exists reports whether table has a row with id (and, when eventID is not
// 0, that it belongs to that event).
func exists(ctx context.Context, c conn, tbl string, id, eventID int64) (bool, error) {
	q := "SELECT count(*) FROM " + tbl + " WHERE id = ?"
	args := []any{id}
	if eventID != 0 {
		q += " AND event_id = ?"
		args = append(args, eventID)
	}
	var n int
	err := c.queryRow(ctx, q, args...).Scan(&n)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	return n > 0, nil
}

// refs checks the references of a record, adding one problem per missing
// one; the first database error is kept and returned by err.
type refs struct {
	ctx context.Context
	c   conn
	v   bilat.Problems
	err error
}

// need records a problem unless table has id (within eventID when set).
func (r *refs) need(field, tbl, what string, id, eventID int64) {
	if id == 0 || r.err != nil {
		return
	}
	ok, err := exists(r.ctx, r.c, tbl, id, eventID)
	if err != nil {
		r.err = err
		return
	}
	if !ok && eventID != 0 {
		r.v.Add(field, "no %s %d in this event", what, id)
	} else if !ok {
		r.v.Add(field, "no %s %d", what, id)
	}
}

// topics records a problem for each code not in the topic vocabulary.
func (r *refs) topics(field string, codes []string) {
	for i, code := range codes {
		if r.err != nil {
			return
		}
		var n int
		r.err = r.c.queryRow(r.ctx, "SELECT count(*) FROM topics WHERE code = ?", code).Scan(&n)
		r.v.Check(n == 1, indexField(field, i), "%q is not in the topic vocabulary", code)
	}
}

// done returns the database error, else the validation error.
func (r *refs) done(what string) error {
	if r.err != nil {
		return r.err
	}
	return r.v.Err(what)
}

// indexed names a field of element i of a list: "travel[2].venue_id".
func indexed(field string, i int, sub string) string {
	return fmt.Sprintf("%s[%d].%s", field, i, sub)
}

// idList loads and saves one []int64 child list of a record.
func idList[T any](l childList, t func() *table[T], get func(*T) *[]int64) (
	func(context.Context, conn, []*T) error, func(context.Context, *Tx, *T) error) {
	load := func(ctx context.Context, c conn, xs []*T) error {
		m, err := loadLists[int64](ctx, c, l, idsOf(t().record, xs))
		if err != nil {
			return err
		}
		for _, x := range xs {
			*get(x) = list(m[t().record(x).ID])
		}
		return nil
	}
	save := func(ctx context.Context, tx *Tx, x *T) error {
		return saveList(ctx, tx, l, t().record(x).ID, *get(x))
	}
	return load, save
}

// indexField names element i of a list field: "members[2]".
func indexField(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }

// merge joins the problems of several validation errors into one, so that
// a caller hears of every problem at once; of two problems with one field
// the first, from the field checks, is kept. Any other error wins.
func merge(errs ...error) error {
	var all []bilat.Problem
	seen := map[string]bool{}
	what := ""
	for _, err := range errs {
		if err == nil {
			continue
		}
		if bilat.ErrorCode(err) != bilat.EINVALID {
			return err
		}
		for _, p := range bilat.ErrorProblems(err) {
			if !seen[p.Field] {
				all = append(all, p)
			}
			seen[p.Field] = true
		}
		if what == "" {
			what = bilat.ErrorMessage(err)
		}
	}
	if what == "" {
		return nil
	}
	return &bilat.Error{Code: bilat.EINVALID, Message: what, Problems: all}
}

// checker checks what a record refers to, inside the write transaction.
type checker[T any] func(ctx context.Context, c conn, x *T) error

// create validates x and its references, then inserts it: the common path
// of every Create method.
func create[T any](ctx context.Context, db *DB, a bilat.Actor, t *table[T], x *T, validate func() error, check checker[T]) error {
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := merge(validate(), check(ctx, tx.conn, x)); err != nil {
			return err
		}
		return t.insert(ctx, tx, "create", x)
	})
}

// updatePart validates and checks a record of an event, refuses to move it
// to another event, then updates it.
func updatePart[T any](ctx context.Context, db *DB, a bilat.Actor, t *table[T], x *T, eventID int64, validate func() error, check checker[T]) error {
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := sameEvent(ctx, tx.conn, t.name, t.entity, t.record(x).ID, eventID); err != nil {
			return err
		}
		if err := merge(validate(), check(ctx, tx.conn, x)); err != nil {
			return err
		}
		return t.update(ctx, tx, "update", x)
	})
}
