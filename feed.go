package bilat

import (
	"context"
	"slices"
	"time"
)

// FeedKind says whose meetings a calendar feed carries.
type FeedKind string

// The kinds of calendar feed.
const (
	// FeedPrincipal carries one principal's meetings and the programme
	// sessions they attend.
	FeedPrincipal FeedKind = "principal"
	// FeedRoom carries the meetings held in one room.
	FeedRoom FeedKind = "room"
	// FeedDelegation carries one visiting delegation's meetings.
	FeedDelegation FeedKind = "delegation"
	// FeedUser follows a user's account at every fetch: a principal's own
	// meetings, a liaison's delegation, and for staff every meeting of the
	// event. A viewer has no meetings to follow.
	FeedUser FeedKind = "user"
)

// FeedKinds lists every kind of feed.
var FeedKinds = []FeedKind{FeedPrincipal, FeedRoom, FeedDelegation, FeedUser}

// Feed is a subscribable calendar: a URL carrying a secret that a calendar
// application fetches without signing in. Only the secret's hash is
// stored; the secret is shown once, when the feed is made.
type Feed struct {
	ID      int64    `json:"id"`
	EventID int64    `json:"event_id"`
	Kind    FeedKind `json:"kind"`
	// SubjectID is the principal, room, delegation or user the feed follows.
	SubjectID int64 `json:"subject_id"`
	// UserID is the account the feed belongs to: the followed user for a
	// user's feed, otherwise whoever made it (0 from the command line).
	// A user who is not staff sees and revokes only their own feeds.
	UserID    int64      `json:"user_id,omitempty"`
	Name      string     `json:"name"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
	LastUsed  *time.Time `json:"last_used,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
}

// Validate checks the feed's own fields (the store checks the subject
// exists in the event).
func (f *Feed) Validate() error {
	v := NewProblems("")
	v.Check(f.EventID > 0, "event_id", "is required")
	v.Check(slices.Contains(FeedKinds, f.Kind), "kind", "must be principal, room, delegation or user")
	v.Check(f.SubjectID > 0, "subject_id", "is required")
	v.MaxLen(f.Name, "name", 200)
	return v.Err("feed")
}

// FeedFilter selects feeds; zero fields do not filter.
type FeedFilter struct {
	EventID int64
	UserID  int64
}

// FeedService keeps calendar feeds.
type FeedService interface {
	// CreateFeed makes a feed and returns its secret, shown only now.
	CreateFeed(ctx context.Context, a Actor, f *Feed) (secret string, err error)
	Feed(ctx context.Context, id int64) (*Feed, error)
	// FeedBySecret returns the feed a secret opens. An unknown and a
	// revoked secret get the same ENOTFOUND, so that a guess learns
	// nothing.
	FeedBySecret(ctx context.Context, secret string) (*Feed, error)
	// ListFeeds lists feeds, newest first.
	ListFeeds(ctx context.Context, f FeedFilter) ([]*Feed, error)
	// RevokeFeed revokes a feed; revoking twice changes nothing.
	RevokeFeed(ctx context.Context, a Actor, id int64) error
}
