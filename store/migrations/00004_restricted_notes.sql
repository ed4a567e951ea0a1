-- +goose Up
-- Restricted notes: a note so marked is read by administrators and desk
-- officers only (the server redacts it for everyone else).
ALTER TABLE events ADD COLUMN notes_restricted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE partners ADD COLUMN notes_restricted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE people ADD COLUMN notes_restricted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE delegations ADD COLUMN notes_restricted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE requests ADD COLUMN notes_restricted BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE requests DROP COLUMN notes_restricted;
ALTER TABLE delegations DROP COLUMN notes_restricted;
ALTER TABLE people DROP COLUMN notes_restricted;
ALTER TABLE partners DROP COLUMN notes_restricted;
ALTER TABLE events DROP COLUMN notes_restricted;
