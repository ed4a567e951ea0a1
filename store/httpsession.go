package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"
)

// SessionStore keeps the web sessions of alexedwards/scs in the database,
// so that several servers share them and a restart keeps people signed in.
// It implements scs.CtxStore.
type SessionStore struct{ db *DB }

// Sessions returns the database's session store.
func (db *DB) Sessions() *SessionStore { return &SessionStore{db: db} }

// FindCtx returns a live session's data.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data string
	err := s.db.reader().queryRow(ctx, "SELECT data FROM http_sessions WHERE token = ? AND expiry > ?", token, ts(s.db.now())).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("session: %w", err)
	}
	b, err := base64.StdEncoding.DecodeString(data)
	return b, err == nil, err
}

// CommitCtx saves a session's data until expiry.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	c := conn{c: s.db.write, d: s.db.dialect}
	_, err := c.exec(ctx, "INSERT INTO http_sessions (token, data, expiry) VALUES (?, ?, ?) ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry",
		token, base64.StdEncoding.EncodeToString(b), ts(expiry))
	if err != nil {
		return fmt.Errorf("session: %w", err)
	}
	// Expired sessions are swept now and then, on a write.
	if expiry.Unix()%16 == 0 {
		c.exec(ctx, "DELETE FROM http_sessions WHERE expiry <= ?", ts(s.db.now()))
	}
	return nil
}

// DeleteCtx ends a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := conn{c: s.db.write, d: s.db.dialect}.exec(ctx, "DELETE FROM http_sessions WHERE token = ?", token)
	if err != nil {
		return fmt.Errorf("session: %w", err)
	}
	return nil
}

// Find, Commit and Delete are scs.Store, for callers without a context.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit saves a session without a context.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete ends a session without a context.
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}
