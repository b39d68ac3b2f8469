-- Timing (ADR 0014): each person's preferences, their next moments, and every decision taken at
-- a moment. No sequences and no foreign keys, like the other views; person_id on each table, so
-- erasure's view purge finds them.

-- timing_preferences: what the person set (null columns: never set; the defaults apply) and the
-- facts the defaults and the schedule need: the zone of their latest context signal and whether
-- they consent to tips.
CREATE TABLE timing_preferences (
    person_id       UUID NOT NULL PRIMARY KEY,
    time_zone       VARCHAR(64),
    quiet_start     TIME,
    quiet_end       TIME,
    daily_cap       INTEGER,
    morning_at      TIME,
    triggers        VARCHAR(200),
    min_gap_minutes INTEGER,
    set_at          TIMESTAMP WITH TIME ZONE,
    context_zone    VARCHAR(64),
    tips_consent    BOOLEAN NOT NULL DEFAULT FALSE
);

-- timing_schedule: the next moments, one row per person, trigger and what the moment stems from
-- ('morning', a calendar signal's id, a task's reference). The poller claims due rows with
-- FOR UPDATE SKIP LOCKED, so two nodes never take the same row, and deletes or moves each row in
-- the transaction that records its decision: a restart loses no moment and fires none twice.
CREATE TABLE timing_schedule (
    person_id    UUID         NOT NULL,
    trigger_name VARCHAR(32)  NOT NULL,
    ref          VARCHAR(100) NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    scheduled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (person_id, trigger_name, ref)
);
CREATE INDEX timing_schedule_due_idx ON timing_schedule (due_at);

-- timing_decision: every decision at a moment, "not now" included, with its reason. Analysts see
-- the pseudonymous person_key only; person_id serves the person's own list and erasure.
CREATE TABLE timing_decision (
    decision_id  UUID         NOT NULL PRIMARY KEY,
    person_id    UUID         NOT NULL,
    person_key   VARCHAR(64)  NOT NULL,
    trigger_name VARCHAR(32)  NOT NULL,
    ref          VARCHAR(100) NOT NULL,
    moment_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    reason       VARCHAR(100) NOT NULL,
    retry_at     TIMESTAMP WITH TIME ZONE,
    tip_id       UUID
);
CREATE INDEX timing_decision_person_idx ON timing_decision (person_id, decided_at);
CREATE INDEX timing_decision_key_idx ON timing_decision (person_key, decided_at);
CREATE INDEX timing_decision_decided_idx ON timing_decision (decided_at);
