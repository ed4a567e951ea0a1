package store

import (
	"context"

	"bilat"
)

var topics = &table[bilat.Topic]{
	entity: "topic",
	name:   "topics",
	cols:   []string{"code", "name_en", "name_fr", "name_ar"},
	record: func(t *bilat.Topic) *bilat.Record { return &t.Record },
	values: func(t *bilat.Topic) []any { return []any{t.Code, t.NameEN, t.NameFR, t.NameAR} },
	dests:  func(t *bilat.Topic) []any { return []any{&t.Code, &t.NameEN, &t.NameFR, &t.NameAR} },
}

// CreateTopic extends the topic vocabulary.
func (db *DB) CreateTopic(ctx context.Context, a bilat.Actor, t *bilat.Topic) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, a, func(tx *Tx) error { return topics.insert(ctx, tx, "create", t) })
}

// Topic returns the topic with code.
func (db *DB) Topic(ctx context.Context, code string) (*bilat.Topic, error) {
	xs, err := topics.query(ctx, db.reader(), topics.selectSQL()+" WHERE code = ?", code)
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		return nil, bilat.Errorf(bilat.ENOTFOUND, "topic %q not found", code)
	}
	return xs[0], nil
}

// ListTopics lists the whole vocabulary by code.
func (db *DB) ListTopics(ctx context.Context) ([]*bilat.Topic, error) {
	xs, _, err := topics.list(ctx, db.reader(), where{}, "code", bilat.Page{Limit: bilat.MaxLimit})
	return xs, err
}

// UpdateTopic renames a topic; its code, used by requests, cannot change.
func (db *DB) UpdateTopic(ctx context.Context, a bilat.Actor, t *bilat.Topic) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, a, func(tx *Tx) error {
		cur, err := topics.get(ctx, tx.conn, t.ID)
		if err != nil {
			return err
		}
		if cur.Code != t.Code {
			return &bilat.Error{Code: bilat.EINVALID, Message: "invalid topic", Problems: []bilat.Problem{{Field: "code", Message: "cannot change: requests refer to it"}}}
		}
		return topics.update(ctx, tx, "update", t)
	})
}
