-- +goose Up
-- A user's session epoch rises when their password changes; sessions begun
-- under an older epoch are no longer honoured, so a new password signs the
-- user out everywhere else.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE users DROP COLUMN session_epoch;
