-- +goose Up
-- Outcomes of meetings: what kind of outcome, and the topics actually
-- discussed (which may differ from those the request named).
ALTER TABLE meetings ADD COLUMN outcome_kind TEXT;
ALTER TABLE meetings ADD COLUMN topics_discussed TEXT NOT NULL DEFAULT '[]';
-- The partner a follow-up action concerns, the meeting's counterpart
-- unless said otherwise; existing actions take their meeting's.
ALTER TABLE actions ADD COLUMN partner_id BIGINT REFERENCES partners (id);
UPDATE actions SET partner_id = (
    SELECT d.partner_id FROM meetings m
    JOIN requests r ON r.id = m.request_id
    JOIN delegations d ON d.id = r.delegation_id
    WHERE m.id = actions.meeting_id);
CREATE INDEX actions_due ON actions (status, due);
CREATE INDEX actions_partner ON actions (partner_id);

-- +goose Down
DROP INDEX actions_partner;
DROP INDEX actions_due;
ALTER TABLE actions DROP COLUMN partner_id;
ALTER TABLE meetings DROP COLUMN topics_discussed;
ALTER TABLE meetings DROP COLUMN outcome_kind;
