-- The erasure events (requested, each step's evidence, erased) indexed apart from the rest of the
-- event store: compliance reads them for every erasure or for one person, and a projection rebuild
-- reads every erasure before it starts. Without this index each of those reads scanned the whole
-- event table, so their time grew with the store; with it, with the number of erasures only.
-- Partial: it holds only the erasure events, so it costs nothing on the ingest path. The queries
-- name the types as literals (not parameters) so that PostgreSQL can prove they match it.
CREATE INDEX domainevententry_erasure_idx ON domainevententry (aggregateidentifier, globalindex)
    WHERE payloadtype IN ('app.oo.domain.erasure.ErasureRequestedEvent',
                          'app.oo.domain.erasure.ErasureStepRecordedEvent',
                          'app.oo.domain.erasure.PersonErasedEvent');
