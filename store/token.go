package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"bilat"
	"bilat/auth"
)

// CreateToken issues an API token for a user and returns its secret, which
// is stored only as its hash.
func (db *DB) CreateToken(ctx context.Context, a bilat.Actor, t *bilat.Token) (string, error) {
	v := bilat.NewProblems("")
	v.Check(t.UserID > 0, "user_id", "is required")
	v.Check(t.Scope == bilat.ScopeRead || t.Scope == bilat.ScopeWrite, "scope", "must be read or write")
	v.Check(len(t.Name) <= 200, "name", "must be at most 200 characters")
	if err := v.Err("token"); err != nil {
		return "", err
	}
	secret, hash := auth.NewToken("bilat_")
	err := db.inTx(ctx, a, func(tx *Tx) error {
		if t.ExpiresAt != nil && !t.ExpiresAt.After(tx.now) {
			return bilat.Errorf(bilat.EINVALID, "expires_at: must be in the future")
		}
		if _, err := db.userIn(ctx, tx.conn, t.UserID); err != nil {
			return err
		}
		t.CreatedAt, t.RevokedAt, t.LastUsed = tx.now, nil, nil
		err := tx.queryRow(ctx, "INSERT INTO api_tokens (user_id, name, hash, scope, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
			t.UserID, t.Name, hash, string(t.Scope), nullTS(t.ExpiresAt), ts(t.CreatedAt)).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("token: %w", err)
		}
		return audit(ctx, tx, "create", "token", t.ID, nil, t)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// userIn checks that a user exists, inside a transaction.
func (db *DB) userIn(ctx context.Context, c conn, id int64) (*bilat.User, error) {
	u, err := users.get(ctx, c, id)
	if bilat.ErrorCode(err) == bilat.ENOTFOUND {
		return nil, bilat.Errorf(bilat.EINVALID, "user %d does not exist", id)
	}
	return u, err
}

const tokenCols = "id, user_id, name, scope, expires_at, revoked_at, last_used, created_at"

func scanToken(row interface{ Scan(...any) error }) (*bilat.Token, error) {
	t := &bilat.Token{}
	err := row.Scan(&t.ID, &t.UserID, &t.Name, (*string)(&t.Scope), nullTSCol{&t.ExpiresAt}, nullTSCol{&t.RevokedAt}, nullTSCol{&t.LastUsed}, tsCol{&t.CreatedAt})
	return t, err
}

// unknownToken is the one answer to a token that does not open anything.
var unknownToken = bilat.Errorf(bilat.EUNAUTHORIZED, "this API token is not valid")

// TokenUser returns the user a token secret belongs to, refusing unknown,
// expired and revoked tokens and disabled accounts.
func (db *DB) TokenUser(ctx context.Context, secret string) (*bilat.User, *bilat.Token, error) {
	if !strings.HasPrefix(secret, "bilat_") {
		return nil, nil, unknownToken
	}
	t, err := scanToken(db.reader().queryRow(ctx, "SELECT "+tokenCols+" FROM api_tokens WHERE hash = ?", auth.TokenHash(secret)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, unknownToken
	}
	if err != nil {
		return nil, nil, fmt.Errorf("token: %w", err)
	}
	now := db.now()
	switch {
	case t.RevokedAt != nil:
		return nil, nil, bilat.Errorf(bilat.EUNAUTHORIZED, "this API token was revoked")
	case t.ExpiresAt != nil && !now.Before(*t.ExpiresAt):
		return nil, nil, bilat.Errorf(bilat.EUNAUTHORIZED, "this API token expired at %s", t.ExpiresAt.Format("2006-01-02 15:04 UTC"))
	}
	u, err := db.User(ctx, t.UserID)
	if err != nil {
		return nil, nil, err
	}
	if u.Disabled {
		return nil, nil, bilat.Errorf(bilat.EUNAUTHORIZED, "the account of this API token is disabled")
	}
	// Noting the last use is a convenience: a failure must not refuse the
	// call, and to the minute is enough, so that a busy client does not
	// queue a write behind every read.
	if t.LastUsed == nil || now.Sub(*t.LastUsed) >= time.Minute {
		db.write.ExecContext(ctx, db.dialect.rebind("UPDATE api_tokens SET last_used = ? WHERE id = ?"), ts(now), t.ID)
	}
	return u, t, nil
}

// ListTokens lists a user's tokens, newest first.
func (db *DB) ListTokens(ctx context.Context, userID int64) ([]*bilat.Token, error) {
	return scanAll(ctx, db.reader(), "tokens", scanToken, "SELECT "+tokenCols+" FROM api_tokens WHERE user_id = ? ORDER BY id DESC", userID)
}

// scanAll runs a query and scans every row with scan; what names the rows
// in errors.
func scanAll[T any](ctx context.Context, c conn, what string, scan func(interface{ Scan(...any) error }) (*T, error), q string, args ...any) ([]*T, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := []*T{}
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// RevokeToken revokes a token; revoking twice changes nothing.
func (db *DB) RevokeToken(ctx context.Context, a bilat.Actor, id int64) error {
	return db.revoke(ctx, a, "api_tokens", "token", id)
}

// revoke stamps revoked_at on a secret's row (an API token, a calendar
// feed) and audits it; revoking twice changes nothing, an unknown id is
// not found.
func (db *DB) revoke(ctx context.Context, a bilat.Actor, table, entity string, id int64) error {
	return db.inTx(ctx, a, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE "+table+" SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", ts(tx.now), id)
		if err != nil {
			return fmt.Errorf("%s: %w", entity, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var one int
			if err := tx.queryRow(ctx, "SELECT 1 FROM "+table+" WHERE id = ?", id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
				return bilat.Errorf(bilat.ENOTFOUND, "%s %d not found", entity, id)
			}
			return nil
		}
		return audit(ctx, tx, "revoke", entity, id, nil, nil)
	})
}
