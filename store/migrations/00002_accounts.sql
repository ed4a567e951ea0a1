-- +goose Up
-- Accounts, their web sessions, API tokens and the invitations that let a
-- delegation's liaison make an account. Secrets are stored hashed: the
-- password as argon2id, tokens and invitations as SHA-256 of the secret.

CREATE TABLE users (
    id {{PK}},
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    person_id BIGINT REFERENCES people (id),
    event_id BIGINT REFERENCES events (id),
    delegation_id BIGINT REFERENCES delegations (id),
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    password_hash TEXT NOT NULL DEFAULT '',
    totp_secret TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_login TEXT,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX users_delegation ON users (delegation_id);

-- Web sessions (alexedwards/scs): data is the session's encoded values.
CREATE TABLE http_sessions (
    token TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expiry TEXT NOT NULL
);
CREATE INDEX http_sessions_expiry ON http_sessions (expiry);

CREATE TABLE api_tokens (
    id {{PK}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    last_used TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE invitations (
    id {{PK}},
    hash TEXT NOT NULL UNIQUE,
    event_id BIGINT NOT NULL REFERENCES events (id),
    delegation_id BIGINT NOT NULL REFERENCES delegations (id),
    note TEXT,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    user_id BIGINT REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX invitations_delegation ON invitations (delegation_id);

-- +goose Down
DROP TABLE invitations;
DROP TABLE api_tokens;
DROP TABLE http_sessions;
DROP TABLE users;
