-- The query side's views completed (issue #4). Same rules as V2: derivatives only, no notes,
-- names or texts; every write idempotent (keyed by the event's own ids, or last-writer-wins on
-- the event's own time); no sequences and no foreign keys, so a rebuild can replace a table by a
-- copy made with CREATE TABLE ... (LIKE ... INCLUDING ALL) and a rename.

-- person_signal gains the derivatives the feature view needs: a task's opaque reference and due
-- date, a busy block's start and end, and a context signal's time zone.
ALTER TABLE person_signal ADD COLUMN task_ref VARCHAR(64);
ALTER TABLE person_signal ADD COLUMN due DATE;
ALTER TABLE person_signal ADD COLUMN starts_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE person_signal ADD COLUMN ends_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE person_signal ADD COLUMN time_zone VARCHAR(64);
-- [jooq ignore start]
CREATE INDEX person_signal_busy_idx ON person_signal (person_id, starts_at) WHERE source = 'calendar';
CREATE INDEX person_signal_context_idx ON person_signal (person_id, occurred_at) WHERE source = 'context';
-- [jooq ignore stop]

-- person_tip and person_tip_reaction: what the feature view needs of tips (category, times,
-- reactions) to compute reaction rates per category and the time since the last tip or reaction.
CREATE TABLE person_tip (
    tip_id    UUID        NOT NULL PRIMARY KEY,
    person_id UUID        NOT NULL,
    category  VARCHAR(32) NOT NULL,
    issued_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX person_tip_person_issued_idx ON person_tip (person_id, issued_at);

CREATE TABLE person_tip_reaction (
    tip_id     UUID        NOT NULL,
    person_id  UUID        NOT NULL,
    reaction   VARCHAR(16) NOT NULL,
    reacted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tip_id, reaction, reacted_at)
);
CREATE INDEX person_tip_reaction_person_idx ON person_tip_reaction (person_id, reacted_at);

-- decision_log: which reaction gave the reward, and the pseudonymous key erasure deletes by.
ALTER TABLE decision_log ADD COLUMN reaction VARCHAR(16);
CREATE INDEX decision_log_person_key_idx ON decision_log (person_key);

-- integration: one row per person and provider. vault_ref points into the token vault; the
-- token itself never reaches an event or a view.
CREATE TABLE integration (
    integration_id     VARCHAR(100) NOT NULL PRIMARY KEY,
    person_id          UUID         NOT NULL,
    provider           VARCHAR(32)  NOT NULL,
    scopes             VARCHAR(500) NOT NULL,
    vault_ref          VARCHAR(200) NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    connected_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    token_refreshed_at TIMESTAMP WITH TIME ZONE,
    token_expires_at   TIMESTAMP WITH TIME ZONE,
    revoked_at         TIMESTAMP WITH TIME ZONE,
    revoke_reason      VARCHAR(32),
    changed_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX integration_person_idx ON integration (person_id);

-- erasure_audit: the evidence of each erasure, one row per step (requested, each step the
-- erasure saga reports, completed). Kept after the erasure: it names a pseudonymous id only.
CREATE TABLE erasure_audit (
    erasure_id UUID        NOT NULL,
    person_id  UUID        NOT NULL,
    step       VARCHAR(64) NOT NULL,
    outcome    VARCHAR(16) NOT NULL,
    detail     VARCHAR(200),
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (erasure_id, step)
);
CREATE INDEX erasure_audit_person_idx ON erasure_audit (person_id);

-- erased_person: tombstones every projection checks before it writes a person's row, so a late
-- event (a tip issued after the erasure) or a rebuild never brings an erased person back. Not a
-- view: no rebuild replaces it.
CREATE TABLE erased_person (
    person_id UUID NOT NULL PRIMARY KEY,
    erased_at TIMESTAMP WITH TIME ZONE NOT NULL
);
