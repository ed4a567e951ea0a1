-- +goose Up
-- The event's city in French and Arabic, when it is written otherwise.
ALTER TABLE events ADD COLUMN city_fr TEXT;
ALTER TABLE events ADD COLUMN city_ar TEXT;

-- +goose Down
ALTER TABLE events DROP COLUMN city_ar;
ALTER TABLE events DROP COLUMN city_fr;
