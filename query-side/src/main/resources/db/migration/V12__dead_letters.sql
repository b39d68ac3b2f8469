-- Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue, default DeadLetterSchema), one
-- queue per projection's processing group (docs/adr/0015-dead-letters-for-projections.md).
-- Column types as Axon's GenericDeadLetterTableFactory writes them for PostgreSQL: serialized data
-- in BYTEA (the payload as the event serializer seals it, exactly as in domainevententry), times
-- as ISO-8601 text. PostgreSQL folds the unquoted camelCase names to lower case.
-- [jooq ignore start]
CREATE TABLE deadletterentry (
    deadletteridentifier VARCHAR(255)  NOT NULL,
    processinggroup      VARCHAR(255)  NOT NULL,
    sequenceidentifier   VARCHAR(255)  NOT NULL,
    sequenceindex        BIGINT        NOT NULL,
    messagetype          VARCHAR(255)  NOT NULL,
    eventidentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadtype          VARCHAR(255)  NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255)  NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT deadletterentry_pkey PRIMARY KEY (deadletteridentifier),
    CONSTRAINT deadletterentry_sequence_key UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);
CREATE INDEX deadletterentry_group_idx ON deadletterentry (processinggroup);
CREATE INDEX deadletterentry_group_sequence_idx ON deadletterentry (processinggroup, sequenceidentifier);
-- [jooq ignore stop]
