package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"bilat"
	"bilat/auth"
	"bilat/demo"
	"bilat/store"
)

// mustVerify verifies the chain and fails the test unless it is whole.
func mustVerify(t *testing.T, db *store.DB) *bilat.AuditCheck {
	t.Helper()
	c, err := db.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Broken != nil {
		t.Fatalf("the chain is broken: %+v", c.Broken)
	}
	return c
}

// wantBreak verifies the chain and checks where and how it breaks.
func wantBreak(t *testing.T, db *store.DB, id int64, kind string) {
	t.Helper()
	c, err := db.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Broken == nil || c.Broken.ID != id || c.Broken.Kind != kind {
		t.Fatalf("verify found %+v, want entry %d %s", c.Broken, id, kind)
	}
}

// auditIDs returns the ids of the whole trail, oldest first.
func auditIDs(t *testing.T, db *store.DB) []int64 {
	t.Helper()
	list, _, err := db.ListAudit(ctx, bilat.AuditFilter{Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(list))
	for i, e := range list {
		ids[len(list)-1-i] = e.ID
	}
	return ids
}

func TestAuditChainOnDemo(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		if _, err := demo.Build(ctx, db, bilat.LocalActor); err != nil {
			t.Fatal(err)
		}
		c := mustVerify(t, db)
		newest, total, err := db.ListAudit(ctx, bilat.AuditFilter{Page: bilat.Page{Limit: 1}})
		if err != nil {
			t.Fatal(err)
		}
		if c.Entries != total || c.Unchained != 0 || c.Head != newest[0].Hash {
			t.Errorf("verify read %d entries (%d unchained), head %s; the trail has %d, newest hash %s", c.Entries, c.Unchained, c.Head, total, newest[0].Hash)
		}
		if newest[0].Address != "local" {
			t.Errorf("a change from the command line has address %q, want local", newest[0].Address)
		}
	})
}

func TestAuditTampering(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		newFixture(t, db)
		ids := auditIDs(t, db)
		if len(ids) < 5 {
			t.Fatalf("the fixture wrote %d entries", len(ids))
		}
		mustVerify(t, db)
		t.Run("edited", func(t *testing.T) {
			e := ids[2]
			after, err := db.StringsForTest(ctx, "SELECT after_json FROM audit WHERE id = ?", e)
			must(t, err)
			must(t, db.ExecForTest(ctx, "UPDATE audit SET after_json = ? WHERE id = ?", strings.Replace(after[0], "}", `,"x":1}`, 1), e))
			wantBreak(t, db, e, bilat.AuditEdited)
			// Putting the text back restores the chain: the check reads content only.
			must(t, db.ExecForTest(ctx, "UPDATE audit SET after_json = ? WHERE id = ?", after[0], e))
			mustVerify(t, db)
		})
		t.Run("actor changed", func(t *testing.T) {
			e := ids[1]
			actor, err := db.StringsForTest(ctx, "SELECT actor FROM audit WHERE id = ?", e)
			must(t, err)
			must(t, db.ExecForTest(ctx, "UPDATE audit SET actor = 'someone else' WHERE id = ?", e))
			wantBreak(t, db, e, bilat.AuditEdited)
			must(t, db.ExecForTest(ctx, "UPDATE audit SET actor = ? WHERE id = ?", actor[0], e))
			mustVerify(t, db)
		})
		t.Run("deleted", func(t *testing.T) {
			must(t, db.ExecForTest(ctx, "DELETE FROM audit WHERE id = ?", ids[3]))
			wantBreak(t, db, ids[4], bilat.AuditDeleted)
		})
		t.Run("newest deleted", func(t *testing.T) {
			last := ids[len(ids)-1]
			must(t, db.ExecForTest(ctx, "DELETE FROM audit WHERE id >= ?", ids[3]))
			wantBreak(t, db, last, bilat.AuditTruncated)
		})
	})
}

// TestAuditConcurrentWriters writes from many goroutines at once: on
// PostgreSQL, without the lock on the chain's head two writers would link
// to the same entry.
func TestAuditConcurrentWriters(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		before := mustVerify(t, db).Entries
		const writers, each = 8, 5
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					p := &bilat.Person{PartnerID: f.host.ID, Name: fmt.Sprintf("Officer %d-%d", w, i)}
					errs <- db.CreatePerson(ctx, bilat.Actor{Name: "tester", Address: fmt.Sprintf("198.51.100.%d", w)}, p)
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			must(t, err)
		}
		if c := mustVerify(t, db); c.Entries != before+writers*each {
			t.Errorf("verify read %d entries, want %d", c.Entries, before+writers*each)
		}
	})
}

// TestAuditLegacyEntries: entries written before the chain existed have no
// hash; the chain starts after them and they are counted as unchained.
func TestAuditLegacyEntries(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		// A database as the migration leaves it: older entries, an empty head.
		must(t, db.ExecForTest(ctx, "DELETE FROM audit"))
		must(t, db.ExecForTest(ctx, "UPDATE audit_head SET last_id = 0, hash = ''"))
		for range 2 {
			must(t, db.ExecForTest(ctx, "INSERT INTO audit (at, actor, action, entity, entity_id, after_json) VALUES ('2025-01-01T00:00:00.000000Z', 'old', 'create', 'person', 1, '{}')"))
		}
		newFixture(t, db)
		c := mustVerify(t, db)
		if c.Unchained != 2 {
			t.Errorf("%d unchained entries, want 2", c.Unchained)
		}
		ids := auditIDs(t, db)
		must(t, db.ExecForTest(ctx, "UPDATE audit SET hash = NULL WHERE id = ?", ids[4]))
		wantBreak(t, db, ids[4], bilat.AuditEdited)
	})
}

func TestAuditFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		clk := withClock(db)
		clk.t = time.Date(2030, 3, 1, 10, 0, 0, 0, time.UTC)
		away := bilat.Actor{Name: "visitor", Address: "203.0.113.9"}
		p := &bilat.Person{PartnerID: f.host.ID, Name: "O'Brien; DROP TABLE audit; --"}
		must(t, db.CreatePerson(ctx, away, p))
		clk.add(48 * time.Hour)
		p.Title = "Adviser"
		must(t, db.UpdatePerson(ctx, away, p))
		for _, c := range []struct {
			name string
			f    bilat.AuditFilter
			want int
		}{
			{"address", bilat.AuditFilter{Address: "203.0.113.9"}, 2},
			{"actor and action", bilat.AuditFilter{Actor: "visitor", Action: "update"}, 1},
			{"entity and id", bilat.AuditFilter{Entity: "person", EntityID: p.ID}, 2},
			{"from", bilat.AuditFilter{From: time.Date(2030, 3, 2, 0, 0, 0, 0, time.UTC)}, 1},
			{"to", bilat.AuditFilter{Actor: "visitor", To: time.Date(2030, 3, 2, 0, 0, 0, 0, time.UTC)}, 1},
			{"metacharacters are data", bilat.AuditFilter{Actor: "' OR 1=1 --"}, 0},
		} {
			list, total, err := db.ListAudit(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if total != c.want || len(list) != c.want {
				t.Errorf("%s: %d entries (total %d), want %d", c.name, len(list), total, c.want)
			}
		}
	})
}

// TestAuditHasNoSecrets makes an account with every kind of secret and
// scans the whole trail for them.
func TestAuditHasNoSecrets(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		db.SetPasswordParams(auth.FastParams)
		f := newFixture(t, db)
		c := context.Background()
		const password, second = "first secret password", "second secret password"
		u := &bilat.User{Username: "keeper", Role: bilat.RoleAdmin}
		must(t, db.CreateUser(c, bilat.LocalActor, u, password, true))
		must(t, db.SetPassword(c, bilat.LocalActor, u.ID, second, false))
		totp, _, err := auth.NewTOTP("bilat", "keeper")
		must(t, err)
		must(t, db.SetTOTP(c, bilat.LocalActor, u.ID, totp))
		code, _ := auth.TOTPCode(totp, time.Now())
		_, err = db.Authenticate(c, bilat.Login{Username: "keeper", Password: second, Code: code, Address: "192.0.2.1"})
		must(t, err)
		db.Authenticate(c, bilat.Login{Username: "keeper", Password: "wrong " + second, Address: "192.0.2.1"})
		token, err := db.CreateToken(c, bilat.LocalActor, &bilat.Token{UserID: u.ID, Name: "sync", Scope: bilat.ScopeWrite})
		must(t, err)
		inv, err := db.CreateInvitation(c, bilat.LocalActor, &bilat.Invitation{EventID: f.event.ID, DelegationID: f.delegation[0].ID, ExpiresAt: time.Now().Add(time.Hour)})
		must(t, err)
		_, err = db.AcceptInvitation(c, inv, "liaison", "liaison secret password", "192.0.2.2")
		must(t, err)

		secrets := []string{password, second, "liaison secret password", totp, token, auth.TokenHash(token), inv, auth.TokenHash(inv)}
		stored, err := db.StringsForTest(c, "SELECT password_hash FROM users")
		must(t, err)
		secrets = append(secrets, stored...)
		stored, err = db.StringsForTest(c, "SELECT hash FROM api_tokens UNION SELECT hash FROM invitations")
		must(t, err)
		secrets = append(secrets, stored...)
		trail, err := db.StringsForTest(c, "SELECT coalesce(before_json, '') || ' ' || coalesce(after_json, '') FROM audit")
		must(t, err)
		for _, row := range trail {
			for _, s := range secrets {
				if s != "" && strings.Contains(row, s) {
					t.Errorf("the audit trail holds the secret %q: %s", s, row)
				}
			}
			for _, key := range []string{`"password"`, `"password_hash"`, `"totp_secret"`, `"hash"`, `"secret"`} {
				if strings.Contains(row, key) {
					t.Errorf("an audit entry has a field named like a secret (%s): %s", key, row)
				}
			}
		}
	})
}
