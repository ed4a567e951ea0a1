package store_test

import (
	"strings"
	"testing"

	"bilat"
	"bilat/auth"
	"bilat/store"
)

// A feed is made for each kind of subject, its secret opens it, it is
// listed for its owner, and once revoked its secret answers exactly as an
// unknown one.
func TestFeedLifecycle(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		db.SetPasswordParams(auth.FastParams)
		desk := &bilat.User{Username: "desk", Role: bilat.RoleDesk}
		must(t, db.CreateUser(ctx, tester, desk, "a long enough password", false))
		a := bilat.Actor{Name: "desk", UserID: desk.ID, Role: bilat.RoleDesk}
		subjects := map[bilat.FeedKind]int64{bilat.FeedPrincipal: f.principal.ID, bilat.FeedRoom: f.rooms[0].ID,
			bilat.FeedDelegation: f.delegation[1].ID, bilat.FeedUser: desk.ID}
		secrets := map[int64]string{}
		for kind, id := range subjects {
			before := auditCount(t, db)
			feed := &bilat.Feed{EventID: f.event.ID, Kind: kind, SubjectID: id, Name: "  " + string(kind) + " "}
			secret, err := db.CreateFeed(ctx, a, feed)
			must(t, err)
			if !strings.HasPrefix(secret, "feed_") || feed.ID == 0 || feed.UserID != desk.ID || feed.Name != string(kind) {
				t.Fatalf("%s: %q %+v", kind, secret, feed)
			}
			if auditCount(t, db) != before+1 {
				t.Errorf("%s: making a feed is not audited", kind)
			}
			secrets[feed.ID] = secret
		}
		for id, secret := range secrets {
			got, err := db.FeedBySecret(ctx, secret)
			must(t, err)
			if got.ID != id || got.LastUsed == nil {
				t.Errorf("feed %d: the secret opens %+v", id, got)
			}
		}
		mine, err := db.ListFeeds(ctx, bilat.FeedFilter{UserID: desk.ID})
		must(t, err)
		others, err := db.ListFeeds(ctx, bilat.FeedFilter{UserID: desk.ID + 1000})
		must(t, err)
		if len(mine) != 4 || len(others) != 0 || mine[0].ID < mine[3].ID {
			t.Errorf("listed %d and %d feeds", len(mine), len(others))
		}
		revoked := mine[0]
		must(t, db.RevokeFeed(ctx, a, revoked.ID))
		must(t, db.RevokeFeed(ctx, a, revoked.ID)) // twice changes nothing
		_, errRevoked := db.FeedBySecret(ctx, secrets[revoked.ID])
		_, errUnknown := db.FeedBySecret(ctx, "feed_"+strings.Repeat("x", 43))
		_, errOther := db.FeedBySecret(ctx, "bilat_"+strings.Repeat("x", 43))
		wantCode(t, errRevoked, bilat.ENOTFOUND)
		wantCode(t, errUnknown, bilat.ENOTFOUND)
		wantCode(t, errOther, bilat.ENOTFOUND)
		if errRevoked.Error() != errUnknown.Error() {
			t.Errorf("a revoked feed says %q, an unknown one %q", errRevoked, errUnknown)
		}
		wantCode(t, db.RevokeFeed(ctx, a, 99999), bilat.ENOTFOUND)
		if got, err := db.Feed(ctx, revoked.ID); err != nil || got.RevokedAt == nil {
			t.Errorf("the revoked feed: %+v %v", got, err)
		}
	})
}

// A feed names a subject of its own event, of the kind it says; a user's
// feed is refused for an account that has nothing to follow there.
func TestFeedRefused(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		db.SetPasswordParams(auth.FastParams)
		other := &bilat.Event{Slug: "other", NameEN: "Other", City: "Lyon", Country: "FR", Timezone: "Europe/Paris", FirstDay: "2026-01-01", LastDay: "2026-01-02"}
		must(t, db.CreateEvent(ctx, tester, other))
		viewer := &bilat.User{Username: "viewer", Role: bilat.RoleViewer}
		must(t, db.CreateUser(ctx, tester, viewer, "a long enough password", false))
		chief := &bilat.User{Username: "chief", Role: bilat.RolePrincipal, PersonID: f.chief.ID}
		must(t, db.CreateUser(ctx, tester, chief, "a long enough password", false))
		liaison := &bilat.User{Username: "liaison", Role: bilat.RoleLiaison, EventID: f.event.ID, DelegationID: f.delegation[0].ID}
		must(t, db.CreateUser(ctx, tester, liaison, "a long enough password", false))
		before := auditCount(t, db)
		for _, c := range []struct {
			name  string
			feed  bilat.Feed
			field string
		}{
			{"no kind", bilat.Feed{EventID: f.event.ID, SubjectID: f.principal.ID}, "kind"},
			{"no subject", bilat.Feed{EventID: f.event.ID, Kind: bilat.FeedRoom}, "subject_id"},
			{"a room of another event", bilat.Feed{EventID: other.ID, Kind: bilat.FeedRoom, SubjectID: f.rooms[0].ID}, "subject_id"},
			{"a room as a principal", bilat.Feed{EventID: f.event.ID, Kind: bilat.FeedPrincipal, SubjectID: f.rooms[1].ID + 1000}, "subject_id"},
			{"no event", bilat.Feed{EventID: 9999, Kind: bilat.FeedDelegation, SubjectID: f.delegation[0].ID}, "event_id"},
			{"a viewer", bilat.Feed{EventID: f.event.ID, Kind: bilat.FeedUser, SubjectID: viewer.ID}, "subject_id"},
			{"a principal elsewhere", bilat.Feed{EventID: other.ID, Kind: bilat.FeedUser, SubjectID: chief.ID}, "subject_id"},
			{"a liaison elsewhere", bilat.Feed{EventID: other.ID, Kind: bilat.FeedUser, SubjectID: liaison.ID}, "subject_id"},
		} {
			_, err := db.CreateFeed(ctx, tester, &c.feed)
			wantCode(t, err, bilat.EINVALID)
			if ps := bilat.ErrorProblems(err); len(ps) == 0 || ps[0].Field != c.field {
				t.Errorf("%s: %v, want a problem with %s", c.name, err, c.field)
			}
		}
		if auditCount(t, db) != before {
			t.Error("a refused feed left audit rows")
		}
		// A user's feed belongs to the user it follows, whoever makes it.
		feed := &bilat.Feed{EventID: f.event.ID, Kind: bilat.FeedUser, SubjectID: chief.ID}
		_, err := db.CreateFeed(ctx, tester, feed)
		must(t, err)
		if feed.UserID != chief.ID {
			t.Errorf("the principal's feed belongs to %d", feed.UserID)
		}
	})
}
