-- +goose Up
-- Press summaries as the desk edited and saved them, one per event and
-- language; without a row the report generates the summary.

CREATE TABLE summaries (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events (id),
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    UNIQUE (event_id, lang)
);

-- +goose Down
DROP TABLE summaries;
