-- +goose Up
-- {{PK}} is replaced per database (see migrate.go); everything else is
-- plain SQL that SQLite and PostgreSQL read the same way. Instants are
-- fixed-width UTC text, days are YYYY-MM-DD text, lists are JSON text.

CREATE TABLE partners (
    id {{PK}},
    kind TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    alpha3 TEXT,
    numeric_code TEXT,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    region TEXT,
    subregion TEXT,
    un_status TEXT,
    seat_country TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX partners_kind ON partners (kind);

CREATE TABLE people (
    id {{PK}},
    partner_id BIGINT NOT NULL REFERENCES partners (id),
    name TEXT NOT NULL,
    title TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    email TEXT,
    phone TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_partner ON people (partner_id);

CREATE TABLE topics (
    id {{PK}},
    code TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE schemes (
    id {{PK}},
    slug TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    built_in BOOLEAN NOT NULL DEFAULT FALSE,
    regions TEXT NOT NULL,
    members TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE events (
    id {{PK}},
    slug TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_fr TEXT,
    name_ar TEXT,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    timezone TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    host_partner_id BIGINT REFERENCES partners (id),
    delegations_expected INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE venues (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events (id),
    name TEXT NOT NULL,
    address TEXT,
    illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX venues_event ON venues (event_id);

CREATE TABLE venue_travel (
    venue_id BIGINT NOT NULL REFERENCES venues (id),
    to_venue_id BIGINT NOT NULL REFERENCES venues (id),
    minutes INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (venue_id, to_venue_id)
);

CREATE TABLE rooms (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events (id),
    venue_id BIGINT NOT NULL REFERENCES venues (id),
    name TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    features TEXT NOT NULL DEFAULT '[]',
    illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX rooms_event ON rooms (event_id);

CREATE TABLE sessions (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    venue_id BIGINT REFERENCES venues (id),
    illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX sessions_event ON sessions (event_id, start_at);

CREATE TABLE session_attendees (
    session_id BIGINT NOT NULL REFERENCES sessions (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (session_id, person_id)
);

CREATE TABLE delegations (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events (id),
    partner_id BIGINT NOT NULL REFERENCES partners (id),
    head_id BIGINT REFERENCES people (id),
    is_host BOOLEAN NOT NULL DEFAULT FALSE,
    notes TEXT,
    illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (event_id, partner_id)
);

CREATE TABLE delegation_members (
    delegation_id BIGINT NOT NULL REFERENCES delegations (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (delegation_id, person_id)
);

CREATE TABLE principals (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    deputy_of BIGINT REFERENCES principals (id),
    max_meetings_per_day INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (event_id, person_id)
);

CREATE TABLE requests (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events (id),
    delegation_id BIGINT NOT NULL REFERENCES delegations (id),
    requested_by_id BIGINT REFERENCES people (id),
    duration_min INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    earliest TEXT,
    latest TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    interpretation BOOLEAN NOT NULL DEFAULT FALSE,
    notes TEXT,
    status TEXT NOT NULL,
    decline_reason TEXT,
    offer TEXT,
    illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX requests_event ON requests (event_id, created_at, id);
CREATE INDEX requests_status ON requests (event_id, status);
CREATE INDEX requests_delegation ON requests (delegation_id);

CREATE TABLE request_targets (
    request_id BIGINT NOT NULL REFERENCES requests (id),
    principal_id BIGINT NOT NULL REFERENCES principals (id),
    preference INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (request_id, principal_id)
);
CREATE INDEX request_targets_principal ON request_targets (principal_id);

CREATE TABLE request_topics (
    request_id BIGINT NOT NULL REFERENCES requests (id),
    topic_code TEXT NOT NULL REFERENCES topics (code),
    position INTEGER NOT NULL,
    PRIMARY KEY (request_id, topic_code)
);
CREATE INDEX request_topics_topic ON request_topics (topic_code);

CREATE TABLE meetings (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events (id),
    request_id BIGINT NOT NULL UNIQUE REFERENCES requests (id),
    principal_id BIGINT NOT NULL REFERENCES principals (id),
    room_id BIGINT NOT NULL REFERENCES rooms (id),
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    briefing TEXT,
    outcome TEXT,
    decisions TEXT NOT NULL DEFAULT '[]',
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_event ON meetings (event_id, start_at);
CREATE INDEX meetings_principal ON meetings (principal_id, start_at);
CREATE INDEX meetings_room ON meetings (room_id, start_at);

CREATE TABLE meeting_participants (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);

CREATE TABLE actions (
    id {{PK}},
    meeting_id BIGINT NOT NULL REFERENCES meetings (id),
    description TEXT NOT NULL,
    owner_id BIGINT REFERENCES people (id),
    owner_name TEXT,
    due TEXT,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX actions_meeting ON actions (meeting_id);

CREATE TABLE agreements (
    id {{PK}},
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    topics TEXT NOT NULL DEFAULT '[]',
    scope TEXT,
    status TEXT NOT NULL,
    signed_on TEXT,
    in_force_on TEXT,
    expires_on TEXT,
    next_review_on TEXT,
    place TEXT,
    event_id BIGINT REFERENCES events (id),
    meeting_id BIGINT REFERENCES meetings (id),
    notes TEXT,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX agreements_event ON agreements (event_id);

CREATE TABLE agreement_parties (
    agreement_id BIGINT NOT NULL REFERENCES agreements (id),
    partner_id BIGINT NOT NULL REFERENCES partners (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (agreement_id, partner_id)
);
CREATE INDEX agreement_parties_partner ON agreement_parties (partner_id);

-- The audit trail is append-only: the store never updates or deletes it.
CREATE TABLE audit (
    id {{PK}},
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_entity ON audit (entity, entity_id);

-- +goose Down
DROP TABLE audit;
DROP TABLE agreement_parties;
DROP TABLE agreements;
DROP TABLE actions;
DROP TABLE meeting_participants;
DROP TABLE meetings;
DROP TABLE request_topics;
DROP TABLE request_targets;
DROP TABLE requests;
DROP TABLE principals;
DROP TABLE delegation_members;
DROP TABLE delegations;
DROP TABLE session_attendees;
DROP TABLE sessions;
DROP TABLE rooms;
DROP TABLE venue_travel;
DROP TABLE venues;
DROP TABLE events;
DROP TABLE schemes;
DROP TABLE topics;
DROP TABLE people;
DROP TABLE partners;
