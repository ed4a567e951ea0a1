-- +goose Up
-- The audit trail becomes tamper-evident: each entry records where the
-- change came from and carries a hash chained to the entry before it (see
-- store/audit_chain.go for the encoding). audit_head holds the newest
-- link; writers lock it, so that concurrent writers chain one after the
-- other, and it lets a check notice that the newest entries were deleted.
-- Entries written before this migration keep no hash: plain SQL cannot
-- compute one, so the chain starts at the first entry written after it and
-- older entries are reported as unchained.
ALTER TABLE audit ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_actor ON audit (actor);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, hash) VALUES (1, 0, '');

-- +goose Down
DROP TABLE audit_head;
DROP INDEX audit_actor;
DROP INDEX audit_at;
ALTER TABLE audit DROP COLUMN hash;
ALTER TABLE audit DROP COLUMN prev_hash;
ALTER TABLE audit DROP COLUMN address;
