package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"bilat"
	"bilat/auth"
)

// users holds accounts. The password hash, TOTP secret and login counters
// are not columns of the table helper: they are written only by the
// methods below and never appear in the audit trail.
var users = &table[bilat.User]{
	entity: "user",
	name:   "users",
	cols:   []string{"username", "role", "person_id", "event_id", "delegation_id", "disabled", "must_change_password", "last_login"},
	record: func(x *bilat.User) *bilat.Record { return &x.Record },
	values: func(x *bilat.User) []any {
		return []any{x.Username, string(x.Role), nullID(x.PersonID), nullID(x.EventID), nullID(x.DelegationID), x.Disabled,
			x.MustChangePassword, nullTS(x.LastLogin)}
	},
	dests: func(x *bilat.User) []any {
		return []any{&x.Username, (*string)(&x.Role), idCol{&x.PersonID}, idCol{&x.EventID}, idCol{&x.DelegationID}, &x.Disabled,
			&x.MustChangePassword, nullTSCol{&x.LastLogin}}
	},
}

func checkUser(ctx context.Context, c conn, x *bilat.User) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	if x.PersonID != 0 {
		r.need("person_id", "people", "person", x.PersonID, 0)
	}
	if x.EventID != 0 {
		r.need("event_id", "events", "event", x.EventID, 0)
	}
	if x.DelegationID != 0 {
		r.need("delegation_id", "delegations", "delegation", x.DelegationID, x.EventID)
	}
	return r.done("user")
}

// CreateUser creates an account with a hashed password.
func (db *DB) CreateUser(ctx context.Context, a bilat.Actor, u *bilat.User, password string, mustChange bool) error {
	if err := merge(u.Validate(), bilat.ValidatePassword(password)); err != nil {
		return err
	}
	hash, err := auth.Hash(password, db.passwords)
	if err != nil {
		return err
	}
	u.MustChangePassword, u.TOTPEnabled = mustChange, false
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := checkUser(ctx, tx.conn, u); err != nil {
			return err
		}
		if err := users.insert(ctx, tx, "create", u); err != nil {
			return err
		}
		_, err := tx.exec(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", hash, u.ID)
		return err
	})
}

// User returns the account with id.
func (db *DB) User(ctx context.Context, id int64) (*bilat.User, error) {
	u, err := users.get(ctx, db.reader(), id)
	if err != nil {
		return nil, err
	}
	return u, db.loadTOTPFlag(ctx, u)
}

// UserByName returns the account with a username.
func (db *DB) UserByName(ctx context.Context, username string) (*bilat.User, error) {
	xs, err := users.query(ctx, db.reader(), users.selectSQL()+" WHERE username = ?", username)
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		return nil, bilat.Errorf(bilat.ENOTFOUND, "no user %q", username)
	}
	return xs[0], db.loadTOTPFlag(ctx, xs[0])
}

// loadTOTPFlag reads what the table helper does not for one account.
func (db *DB) loadTOTPFlag(ctx context.Context, u *bilat.User) error {
	return db.loadAccountState(ctx, []*bilat.User{u})
}

// loadAccountState reads what the table helper does not, and what no
// update may write back: whether an account has a second factor, its
// session epoch, and until when it is locked.
func (db *DB) loadAccountState(ctx context.Context, us []*bilat.User) error {
	if len(us) == 0 {
		return nil
	}
	byID := make(map[int64]*bilat.User, len(us))
	ids := make([]any, len(us))
	for i, u := range us {
		byID[u.ID], ids[i] = u, u.ID
	}
	rows, err := db.reader().query(ctx, "SELECT id, totp_secret, session_epoch, locked_until FROM users WHERE id IN ("+placeholders(len(ids))+")", ids...)
	if err != nil {
		return fmt.Errorf("user: %w", err)
	}
	defer rows.Close()
	now := db.now()
	for rows.Next() {
		var id int64
		var secret string
		var epoch int
		var locked *time.Time
		if err := rows.Scan(&id, strCol{&secret}, &epoch, nullTSCol{&locked}); err != nil {
			return fmt.Errorf("user: %w", err)
		}
		u := byID[id]
		u.TOTPEnabled, u.SessionEpoch = secret != "", epoch
		u.LockedUntil = nil
		if locked != nil && now.Before(*locked) {
			u.LockedUntil = locked
		}
	}
	return rows.Err()
}

// ListUsers lists accounts by username.
func (db *DB) ListUsers(ctx context.Context, f bilat.UserFilter) ([]*bilat.User, int, error) {
	var w where
	if f.Role != "" {
		w.add("role = ?", string(f.Role))
	}
	if f.DelegationID != 0 {
		w.add("delegation_id = ?", f.DelegationID)
	}
	xs, total, err := users.list(ctx, db.reader(), w, "username", f.Page)
	if err != nil {
		return nil, 0, err
	}
	return xs, total, db.loadAccountState(ctx, xs)
}

// UpdateUser changes an account's role, bindings and disabled flag.
func (db *DB) UpdateUser(ctx context.Context, a bilat.Actor, u *bilat.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := checkUser(ctx, tx.conn, u); err != nil {
			return err
		}
		return users.update(ctx, tx, "update", u)
	})
}

// SetPassword replaces an account's password, unlocks it and raises its
// session epoch, which ends the account's other web sessions.
func (db *DB) SetPassword(ctx context.Context, a bilat.Actor, id int64, password string, mustChange bool) error {
	if err := bilat.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := auth.Hash(password, db.passwords)
	if err != nil {
		return err
	}
	return db.inTx(ctx, a, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE users SET password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = NULL, session_epoch = session_epoch + 1, updated_at = ? WHERE id = ?",
			hash, mustChange, ts(tx.now), id)
		if err != nil {
			return fmt.Errorf("user: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return bilat.Errorf(bilat.ENOTFOUND, "user %d not found", id)
		}
		return audit(ctx, tx, "password", "user", id, nil, map[string]any{"must_change_password": mustChange})
	})
}

// SetTOTP stores or removes an account's TOTP secret.
func (db *DB) SetTOTP(ctx context.Context, a bilat.Actor, id int64, secret string) error {
	return db.inTx(ctx, a, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE users SET totp_secret = ?, updated_at = ? WHERE id = ?", nullStr(secret), ts(tx.now), id)
		if err != nil {
			return fmt.Errorf("user: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return bilat.Errorf(bilat.ENOTFOUND, "user %d not found", id)
		}
		return audit(ctx, tx, "totp", "user", id, nil, map[string]any{"totp_enabled": secret != ""})
	})
}

// loginState is what a login is checked against.
type loginState struct {
	id          int64
	hash, totp  string
	failed      int
	lockedUntil *time.Time
	disabled    bool
}

// refused is the one answer to a wrong username or password, so that a
// caller cannot tell which of the two was wrong.
var refused = bilat.Errorf(bilat.EUNAUTHORIZED, "the username or password is wrong")

// Authenticate checks a login. Failures are counted per account; after
// bilat.MaxFailedLogins in a row the account is locked for
// bilat.LockoutPeriod. Every attempt on an existing account is audited
// with its address.
func (db *DB) Authenticate(ctx context.Context, l bilat.Login) (*bilat.User, error) {
	st, err := db.loginState(ctx, l.Username)
	if err != nil {
		// Spend the time a hash takes, so that timing does not tell
		// whether the username exists.
		auth.Verify(l.Password, dummyHash(db.passwords))
		return nil, err
	}
	now := db.now()
	actor := bilat.Actor{Name: l.Username, UserID: st.id, Address: l.Address}
	switch {
	case st.disabled:
		return nil, bilat.Errorf(bilat.EFORBIDDEN, "this account is disabled; ask an administrator")
	case st.lockedUntil != nil && now.Before(*st.lockedUntil):
		return nil, bilat.Errorf(bilat.EFORBIDDEN, "too many wrong passwords: this account is locked until %s UTC; try again then, or ask an administrator to reset it",
			st.lockedUntil.Format("15:04"))
	}
	if st.hash == "" {
		return nil, refused // an account still being made has no password yet
	}
	ok, err := auth.Verify(l.Password, st.hash)
	if err != nil {
		return nil, err
	}
	if ok && st.totp != "" && !auth.CheckTOTP(st.totp, l.Code, now) {
		ok = false
	}
	if !ok {
		return nil, db.loginFailed(ctx, actor, st, now, l.Code != "" || st.totp != "")
	}
	return db.loginSucceeded(ctx, actor, st.id)
}

func (db *DB) loginState(ctx context.Context, username string) (*loginState, error) {
	st := &loginState{}
	err := db.reader().queryRow(ctx, "SELECT id, password_hash, totp_secret, failed_logins, locked_until, disabled FROM users WHERE username = ?", username).
		Scan(&st.id, &st.hash, strCol{&st.totp}, &st.failed, nullTSCol{&st.lockedUntil}, &st.disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, refused
	}
	if err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	return st, nil
}

func (db *DB) loginFailed(ctx context.Context, a bilat.Actor, st *loginState, now time.Time, second bool) error {
	failed, locked := st.failed+1, any(nil)
	if failed >= bilat.MaxFailedLogins {
		failed, locked = 0, ts(now.Add(bilat.LockoutPeriod))
	}
	err := db.inTx(ctx, a, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?", failed, locked, st.id); err != nil {
			return fmt.Errorf("login: %w", err)
		}
		return audit(ctx, tx, "login_failed", "user", st.id, nil, map[string]any{"locked": locked != nil})
	})
	if err != nil {
		return err
	}
	if locked != nil {
		return bilat.Errorf(bilat.EFORBIDDEN, "too many wrong passwords: this account is locked for %d minutes; try again then, or ask an administrator to reset it",
			int(bilat.LockoutPeriod.Minutes()))
	}
	if second {
		return bilat.Errorf(bilat.EUNAUTHORIZED, "the username, password or code is wrong")
	}
	return refused
}

func (db *DB) loginSucceeded(ctx context.Context, a bilat.Actor, id int64) (*bilat.User, error) {
	err := db.inTx(ctx, a, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login = ? WHERE id = ?", ts(tx.now), id); err != nil {
			return fmt.Errorf("login: %w", err)
		}
		return audit(ctx, tx, "login", "user", id, nil, nil)
	})
	if err != nil {
		return nil, err
	}
	return db.User(ctx, id)
}

// dummyHash is a hash of nothing in particular, made once per cost.
func dummyHash(p auth.Params) string {
	dummy.once.Do(func() { dummy.hash, _ = auth.Hash("not a password", p) })
	return dummy.hash
}

var dummy struct {
	once sync.Once
	hash string
}
