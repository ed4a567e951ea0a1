-- +goose Up
-- The files attached to agreements (the signed text, scans), kept in the
-- database with the registry so that one backup holds both. The checksum
-- is verified on every download.
CREATE TABLE agreement_documents (
    id {{PK}},
    agreement_id BIGINT NOT NULL REFERENCES agreements (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX agreement_documents_agreement ON agreement_documents (agreement_id);

-- +goose Down
DROP TABLE agreement_documents;
