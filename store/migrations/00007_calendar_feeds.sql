-- +goose Up
-- Calendar feeds: subscribable iCalendar URLs carrying a secret, stored as
-- the SHA-256 of the secret like API tokens. subject_id names a principal,
-- a room, a delegation or a user according to kind, so it has no foreign
-- key; the store checks it when the feed is made.

CREATE TABLE calendar_feeds (
    id {{PK}},
    hash TEXT NOT NULL UNIQUE,
    event_id BIGINT NOT NULL REFERENCES events (id),
    kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    name TEXT NOT NULL,
    revoked_at TEXT,
    last_used TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);
CREATE INDEX calendar_feeds_event ON calendar_feeds (event_id);

-- +goose Down
DROP TABLE calendar_feeds;
