-- The Todoist connector's own state. No task text is kept anywhere: only opaque task references
-- and due dates, which the next sync needs to tell what changed.

-- OAuth authorization-code flow in progress: one row per started connect, used once, short-lived.
-- The state itself is not stored, only its SHA-256, so reading this table does not let anyone
-- finish someone else's connect.
CREATE TABLE todoist_oauth_state (
    state_hash    VARCHAR(64)              NOT NULL PRIMARY KEY,
    person_id     UUID                     NOT NULL,
    code_verifier VARCHAR(128)             NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX todoist_oauth_state_expiry ON todoist_oauth_state (expires_at);

-- One row per connected Todoist account: when it syncs next, who holds its lease (several app
-- nodes take rows with FOR UPDATE SKIP LOCKED, then work under the lease), the last outcome, and
-- the open tasks seen last time (opaque reference, due date, overdue already signalled).
CREATE TABLE todoist_sync (
    integration_id  VARCHAR(80)              NOT NULL PRIMARY KEY,
    person_id       UUID                     NOT NULL,
    connected_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    next_sync_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    leased_by       VARCHAR(120),
    lease_until     TIMESTAMP WITH TIME ZONE,
    last_sync_at    TIMESTAMP WITH TIME ZONE,
    last_outcome    VARCHAR(200),
    needs_reconnect BOOLEAN                  NOT NULL DEFAULT FALSE,
    completed_since TIMESTAMP WITH TIME ZONE,
    open_tasks      TEXT                     NOT NULL DEFAULT ''
);

CREATE INDEX todoist_sync_person ON todoist_sync (person_id);
CREATE INDEX todoist_sync_due ON todoist_sync (next_sync_at);
