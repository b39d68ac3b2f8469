-- Read models kept by the query side's projections. Every write is idempotent (keyed by the
-- event's own ids), so a redelivery or a replay changes nothing twice.

-- tip_feed: what the page shows; the newest tip without a final reaction is the current one.
CREATE TABLE tip_feed (
    tip_id      UUID         NOT NULL PRIMARY KEY,
    person_id   UUID         NOT NULL,
    text        VARCHAR(280) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    category    VARCHAR(32)  NOT NULL,
    policy      VARCHAR(64)  NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    reaction    VARCHAR(16),
    reacted_at  TIMESTAMP WITH TIME ZONE,
    final       BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX tip_feed_person_issued_idx ON tip_feed (person_id, issued_at);

-- person_signal: one row per signal, derivatives only (source, type, times and one number:
-- a mood score, a habit streak, a busy block's hours), never notes, names or texts.
CREATE TABLE person_signal (
    signal_id   UUID        NOT NULL PRIMARY KEY,
    person_id   UUID        NOT NULL,
    source      VARCHAR(16) NOT NULL,
    type        VARCHAR(16) NOT NULL,
    value       DOUBLE PRECISION,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX person_signal_person_occurred_idx ON person_signal (person_id, occurred_at);

-- decision_log: one row per decision; the data set of offline simulation (ml/pipelines).
CREATE TABLE decision_log (
    decision_id           UUID         NOT NULL PRIMARY KEY,
    tip_id                UUID         NOT NULL,
    person_key            VARCHAR(64)  NOT NULL,
    decided_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    context               JSONB        NOT NULL,
    candidates            JSONB        NOT NULL,
    chosen_id             VARCHAR(64)  NOT NULL,
    chosen_category       VARCHAR(32)  NOT NULL,
    propensity            DOUBLE PRECISION NOT NULL,
    propensity_method     VARCHAR(16)  NOT NULL,
    policy                VARCHAR(64)  NOT NULL,
    policy_version        VARCHAR(64)  NOT NULL,
    shadow_policy         VARCHAR(64),
    shadow_policy_version VARCHAR(64),
    shadow_chosen_id      VARCHAR(64),
    shadow_propensity     DOUBLE PRECISION,
    reward                DOUBLE PRECISION,
    rewarded_at           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX decision_log_decided_idx ON decision_log (decided_at);

-- consent: the current state per person and topic, with when, how and under which policy version.
CREATE TABLE consent (
    person_id      UUID        NOT NULL,
    topic          VARCHAR(32) NOT NULL,
    granted        BOOLEAN     NOT NULL,
    how            VARCHAR(32) NOT NULL,
    policy_version VARCHAR(32) NOT NULL,
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (person_id, topic)
);
