package store_test

import (
	"context"
	"testing"
	"time"

	"bilat"
	"bilat/auth"
	"bilat/store"
)

// clock is a movable clock for a database.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func withClock(db *store.DB) *clock  { c := &clock{t: time.Now().UTC()}; db.SetClock(c.now); return c }
func login(u, p string) bilat.Login {
	return bilat.Login{Username: u, Password: p, Address: "192.0.2.7"}
}
func mustUser(t *testing.T, db *store.DB, u *bilat.User, password string) {
	t.Helper()
	if err := db.CreateUser(context.Background(), bilat.LocalActor, u, password, false); err != nil {
		t.Fatal(err)
	}
}

func TestLoginAndLockout(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		db.SetPasswordParams(auth.FastParams)
		c := withClock(db)
		ctx := context.Background()
		mustUser(t, db, &bilat.User{Username: "amina", Role: bilat.RoleDesk}, "a long enough password")
		u, err := db.Authenticate(ctx, login("amina", "a long enough password"))
		if err != nil || u.Username != "amina" || u.LastLogin == nil {
			t.Fatalf("login: %+v %v", u, err)
		}
		if _, err := db.Authenticate(ctx, login("nobody", "a long enough password")); bilat.ErrorCode(err) != bilat.EUNAUTHORIZED {
			t.Errorf("an unknown user: %v", err)
		}
		for i := 1; i < bilat.MaxFailedLogins; i++ {
			if _, err := db.Authenticate(ctx, login("amina", "wrong")); bilat.ErrorCode(err) != bilat.EUNAUTHORIZED {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		_, err = db.Authenticate(ctx, login("amina", "wrong"))
		if bilat.ErrorCode(err) != bilat.EFORBIDDEN {
			t.Fatalf("the 5th failure should lock: %v", err)
		}
		if _, err := db.Authenticate(ctx, login("amina", "a long enough password")); bilat.ErrorCode(err) != bilat.EFORBIDDEN {
			t.Errorf("a locked account let the right password in: %v", err)
		}
		c.add(bilat.LockoutPeriod + time.Second)
		if _, err := db.Authenticate(ctx, login("amina", "a long enough password")); err != nil {
			t.Errorf("after the lockout: %v", err)
		}
		entries, _, _ := db.ListAudit(ctx, bilat.AuditFilter{Entity: "user"})
		failed := 0
		for _, e := range entries {
			if e.Action == "login_failed" {
				failed++
			}
		}
		if failed != bilat.MaxFailedLogins {
			t.Errorf("%d failed logins audited, want %d", failed, bilat.MaxFailedLogins)
		}
	})
}

func TestPasswordRules(t *testing.T) {
	db := MustOpenSQLite(t)
	db.SetPasswordParams(auth.FastParams)
	err := db.CreateUser(context.Background(), bilat.LocalActor, &bilat.User{Username: "Bad Name", Role: "boss"}, "short", false)
	for _, field := range []string{"username", "role", "password"} {
		if !hasProblem(err, field) {
			t.Errorf("no problem with %s in %v", field, err)
		}
	}
}

func hasProblem(err error, field string) bool {
	for _, p := range bilat.ErrorProblems(err) {
		if p.Field == field {
			return true
		}
	}
	return false
}

func TestSecondFactor(t *testing.T) {
	db := MustOpenSQLite(t)
	db.SetPasswordParams(auth.FastParams)
	ctx := context.Background()
	u := &bilat.User{Username: "root", Role: bilat.RoleAdmin}
	mustUser(t, db, u, "a long enough password")
	secret, _, _ := auth.NewTOTP("bilat", "root")
	if err := db.SetTOTP(ctx, bilat.LocalActor, u.ID, secret); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Authenticate(ctx, login("root", "a long enough password")); bilat.ErrorCode(err) != bilat.EUNAUTHORIZED {
		t.Errorf("no code: %v", err)
	}
	code, _ := auth.TOTPCode(secret, time.Now())
	l := login("root", "a long enough password")
	l.Code = code
	if got, err := db.Authenticate(ctx, l); err != nil || !got.TOTPEnabled {
		t.Errorf("with the code: %+v %v", got, err)
	}
}

func TestTokens(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		db.SetPasswordParams(auth.FastParams)
		c := withClock(db)
		ctx := context.Background()
		u := &bilat.User{Username: "api", Role: bilat.RoleDesk}
		mustUser(t, db, u, "a long enough password")
		expires := c.t.Add(time.Hour)
		tok := &bilat.Token{UserID: u.ID, Name: "sync", Scope: bilat.ScopeRead, ExpiresAt: &expires}
		secret, err := db.CreateToken(ctx, bilat.LocalActor, tok)
		if err != nil {
			t.Fatal(err)
		}
		if got, gt, err := db.TokenUser(ctx, secret); err != nil || got.ID != u.ID || gt.Scope != bilat.ScopeRead {
			t.Fatalf("token: %v %v %v", got, gt, err)
		}
		if _, _, err := db.TokenUser(ctx, secret+"x"); bilat.ErrorCode(err) != bilat.EUNAUTHORIZED {
			t.Errorf("a wrong secret: %v", err)
		}
		c.add(2 * time.Hour)
		if _, _, err := db.TokenUser(ctx, secret); bilat.ErrorCode(err) != bilat.EUNAUTHORIZED {
			t.Errorf("an expired token: %v", err)
		}
		other := &bilat.Token{UserID: u.ID, Name: "ci", Scope: bilat.ScopeWrite}
		secret2, _ := db.CreateToken(ctx, bilat.LocalActor, other)
		if err := db.RevokeToken(ctx, bilat.LocalActor, other.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.TokenUser(ctx, secret2); bilat.ErrorCode(err) != bilat.EUNAUTHORIZED {
			t.Errorf("a revoked token: %v", err)
		}
		past := c.t.Add(-time.Minute)
		if _, err := db.CreateToken(ctx, bilat.LocalActor, &bilat.Token{UserID: u.ID, Scope: bilat.ScopeRead, ExpiresAt: &past}); bilat.ErrorCode(err) != bilat.EINVALID {
			t.Errorf("a token born expired: %v", err)
		}
	})
}

// A search holding LIKE's wildcards finds them as text.
func TestSearchWildcardsAreText(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for q, want := range map[string]int{"%": 0, "_": 0, `\`: 0, "norw": 1} {
			_, total, err := db.ListPartners(ctx, bilat.PartnerFilter{Query: q, Kind: bilat.KindCountry})
			if err != nil {
				t.Fatal(err)
			}
			if total != want {
				t.Errorf("countries matching %q: %d, want %d", q, total, want)
			}
		}
	})
}
