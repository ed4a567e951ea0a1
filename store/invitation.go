package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"bilat"
	"bilat/auth"
)

// CreateInvitation issues an invitation for a delegation's liaison and
// returns its secret, which is stored only as its hash.
func (db *DB) CreateInvitation(ctx context.Context, a bilat.Actor, inv *bilat.Invitation) (string, error) {
	secret, hash := auth.NewToken("inv_")
	err := db.inTx(ctx, a, func(tx *Tx) error {
		r := refs{ctx: ctx, c: tx.conn, v: bilat.NewProblems("")}
		r.need("event_id", "events", "event", inv.EventID, 0)
		r.need("delegation_id", "delegations", "delegation", inv.DelegationID, inv.EventID)
		r.v.Check(inv.ExpiresAt.After(tx.now), "expires_at", "must be in the future")
		if err := r.done("invitation"); err != nil {
			return err
		}
		inv.CreatedAt, inv.UsedAt, inv.UserID = tx.now, nil, 0
		err := tx.queryRow(ctx, "INSERT INTO invitations (hash, event_id, delegation_id, note, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
			hash, inv.EventID, inv.DelegationID, nullStr(inv.Note), ts(inv.ExpiresAt), ts(inv.CreatedAt)).Scan(&inv.ID)
		if err != nil {
			return fmt.Errorf("invitation: %w", err)
		}
		return audit(ctx, tx, "create", "invitation", inv.ID, nil, inv)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

const invitationCols = "id, event_id, delegation_id, note, expires_at, used_at, user_id, created_at"

func scanInvitation(row interface{ Scan(...any) error }) (*bilat.Invitation, error) {
	inv := &bilat.Invitation{}
	err := row.Scan(&inv.ID, &inv.EventID, &inv.DelegationID, strCol{&inv.Note}, tsCol{&inv.ExpiresAt}, nullTSCol{&inv.UsedAt}, idCol{&inv.UserID}, tsCol{&inv.CreatedAt})
	return inv, err
}

// Invitation returns the open invitation a secret names.
func (db *DB) Invitation(ctx context.Context, secret string) (*bilat.Invitation, error) {
	return db.openInvitation(ctx, db.reader(), secret)
}

func (db *DB) openInvitation(ctx context.Context, c conn, secret string) (*bilat.Invitation, error) {
	if !strings.HasPrefix(secret, "inv_") {
		return nil, bilat.Errorf(bilat.EUNAUTHORIZED, "this invitation link is not valid")
	}
	inv, err := scanInvitation(c.queryRow(ctx, "SELECT "+invitationCols+" FROM invitations WHERE hash = ?", auth.TokenHash(secret)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, bilat.Errorf(bilat.EUNAUTHORIZED, "this invitation link is not valid")
	}
	if err != nil {
		return nil, fmt.Errorf("invitation: %w", err)
	}
	switch {
	case inv.UsedAt != nil:
		return nil, bilat.Errorf(bilat.EUNAUTHORIZED, "this invitation has been used already; sign in with the account made from it, or ask the desk for a new one")
	case !db.now().Before(inv.ExpiresAt):
		return nil, bilat.Errorf(bilat.EUNAUTHORIZED, "this invitation expired on %s; ask the desk for a new one", inv.ExpiresAt.Format("2006-01-02 15:04 UTC"))
	}
	return inv, nil
}

// AcceptInvitation creates the liaison's account from an open invitation
// and marks it used, in one transaction: two uses at once cannot both win.
func (db *DB) AcceptInvitation(ctx context.Context, secret, username, password, address string) (*bilat.User, error) {
	u := &bilat.User{Username: username, Role: bilat.RoleLiaison}
	a := bilat.Actor{Name: username, Role: bilat.RoleLiaison, Address: address}
	hash, err := auth.Hash(password, db.passwords)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, a, func(tx *Tx) error {
		inv, err := db.openInvitation(ctx, tx.conn, secret)
		if err != nil {
			return err
		}
		u.EventID, u.DelegationID = inv.EventID, inv.DelegationID
		if err := merge(u.Validate(), bilat.ValidatePassword(password)); err != nil {
			return err
		}
		if err := users.insert(ctx, tx, "create", u); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", hash, u.ID); err != nil {
			return fmt.Errorf("invitation: %w", err)
		}
		res, err := tx.exec(ctx, "UPDATE invitations SET used_at = ?, user_id = ? WHERE id = ? AND used_at IS NULL", ts(tx.now), u.ID, inv.ID)
		if err != nil {
			return fmt.Errorf("invitation: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return bilat.Errorf(bilat.EUNAUTHORIZED, "this invitation has been used already")
		}
		return audit(ctx, tx, "accept", "invitation", inv.ID, nil, map[string]any{"user_id": u.ID})
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// ListInvitations lists a delegation's invitations, newest first.
func (db *DB) ListInvitations(ctx context.Context, delegationID int64) ([]*bilat.Invitation, error) {
	return scanAll(ctx, db.reader(), "invitations", scanInvitation, "SELECT "+invitationCols+" FROM invitations WHERE delegation_id = ? ORDER BY id DESC", delegationID)
}
