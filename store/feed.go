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

// feedPrefix starts every feed secret, so that a feed URL is never taken
// for an API token (bilat_) or an invitation (inv_).
const feedPrefix = "feed_"

// CreateFeed makes a calendar feed and returns its secret, which is stored
// only as its hash. A user's feed belongs to that user; any other belongs
// to the actor who makes it.
func (db *DB) CreateFeed(ctx context.Context, a bilat.Actor, f *bilat.Feed) (string, error) {
	f.Name = strings.TrimSpace(f.Name)
	if err := f.Validate(); err != nil {
		return "", err
	}
	secret, hash := auth.NewToken(feedPrefix)
	err := db.inTx(ctx, a, func(tx *Tx) error {
		if err := checkFeed(ctx, tx.conn, f); err != nil {
			return err
		}
		if f.Kind != bilat.FeedUser {
			f.UserID = a.UserID
		}
		f.CreatedAt, f.RevokedAt, f.LastUsed = tx.now, nil, nil
		err := tx.queryRow(ctx, "INSERT INTO calendar_feeds (hash, event_id, kind, subject_id, user_id, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			hash, f.EventID, string(f.Kind), f.SubjectID, nullID(f.UserID), f.Name, ts(f.CreatedAt)).Scan(&f.ID)
		if err != nil {
			return fmt.Errorf("feed: %w", err)
		}
		return audit(ctx, tx, "create", "feed", f.ID, nil, f)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// checkFeed checks that the feed's event and subject exist and, for a
// user's feed, that the account has meetings of this event to follow.
func checkFeed(ctx context.Context, c conn, f *bilat.Feed) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("event_id", "events", "event", f.EventID, 0)
	switch f.Kind {
	case bilat.FeedPrincipal:
		r.need("subject_id", "principals", "principal", f.SubjectID, f.EventID)
	case bilat.FeedRoom:
		r.need("subject_id", "rooms", "room", f.SubjectID, f.EventID)
	case bilat.FeedDelegation:
		r.need("subject_id", "delegations", "delegation", f.SubjectID, f.EventID)
	case bilat.FeedUser:
		if err := r.done("feed"); err != nil {
			return err
		}
		return checkFeedUser(ctx, c, f)
	}
	return r.done("feed")
}

// checkFeedUser refuses a user's feed that would stay empty: a viewer's,
// a liaison's of another event, a principal's who is not one at this event.
func checkFeedUser(ctx context.Context, c conn, f *bilat.Feed) error {
	u, err := users.get(ctx, c, f.SubjectID)
	if bilat.ErrorCode(err) == bilat.ENOTFOUND {
		return bilat.Errorf(bilat.EINVALID, "user %d does not exist", f.SubjectID)
	} else if err != nil {
		return err
	}
	f.UserID = u.ID
	v := bilat.NewProblems("")
	switch u.Role {
	case bilat.RoleViewer:
		v.Add("subject_id", "a viewer has no meetings to follow")
	case bilat.RoleLiaison:
		v.Check(u.EventID == f.EventID, "subject_id", "this liaison's delegation is at another event")
	case bilat.RolePrincipal:
		var n int
		err := c.queryRow(ctx, "SELECT count(*) FROM principals WHERE event_id = ? AND person_id = ?", f.EventID, u.PersonID).Scan(&n)
		if err != nil {
			return err
		}
		v.Check(n > 0, "subject_id", "this principal receives no meetings at this event")
	}
	return v.Err("feed")
}

const feedCols = "id, event_id, kind, subject_id, user_id, name, revoked_at, last_used, created_at"

func scanFeed(row interface{ Scan(...any) error }) (*bilat.Feed, error) {
	f := &bilat.Feed{}
	err := row.Scan(&f.ID, &f.EventID, (*string)(&f.Kind), &f.SubjectID, idCol{&f.UserID}, &f.Name,
		nullTSCol{&f.RevokedAt}, nullTSCol{&f.LastUsed}, tsCol{&f.CreatedAt})
	return f, err
}

// Feed returns the feed with id, revoked or not.
func (db *DB) Feed(ctx context.Context, id int64) (*bilat.Feed, error) {
	f, err := scanFeed(db.reader().queryRow(ctx, "SELECT "+feedCols+" FROM calendar_feeds WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, bilat.Errorf(bilat.ENOTFOUND, "feed %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return f, nil
}

// unknownFeed is the one answer to a secret that opens no feed.
var unknownFeed = bilat.Errorf(bilat.ENOTFOUND, "no such calendar")

// FeedBySecret returns the live feed a secret opens and notes its use.
func (db *DB) FeedBySecret(ctx context.Context, secret string) (*bilat.Feed, error) {
	if !strings.HasPrefix(secret, feedPrefix) {
		return nil, unknownFeed
	}
	f, err := scanFeed(db.reader().queryRow(ctx, "SELECT "+feedCols+" FROM calendar_feeds WHERE hash = ?", auth.TokenHash(secret)))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && f.RevokedAt != nil) {
		return nil, unknownFeed
	}
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	// Noting the last use is a convenience: a failure must not refuse the fetch.
	now := db.now()
	db.write.ExecContext(ctx, db.dialect.rebind("UPDATE calendar_feeds SET last_used = ? WHERE id = ?"), ts(now), f.ID)
	f.LastUsed = &now
	return f, nil
}

// ListFeeds lists feeds, newest first.
func (db *DB) ListFeeds(ctx context.Context, filter bilat.FeedFilter) ([]*bilat.Feed, error) {
	var w where
	if filter.EventID != 0 {
		w.add("event_id = ?", filter.EventID)
	}
	if filter.UserID != 0 {
		w.add("user_id = ?", filter.UserID)
	}
	q := "SELECT " + feedCols + " FROM calendar_feeds" + w.sql() + " ORDER BY id DESC"
	return scanAll(ctx, db.reader(), "feeds", scanFeed, q, w.args...)
}

// RevokeFeed revokes a feed; revoking twice changes nothing.
func (db *DB) RevokeFeed(ctx context.Context, a bilat.Actor, id int64) error {
	return db.revoke(ctx, a, "calendar_feeds", "feed", id)
}
