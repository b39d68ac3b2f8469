-- Crypto-shredding and the token vault (command side).

-- data_key: one AES-256 key per person, stored wrapped (AES-GCM) by the master key from
-- configuration. Shredding sets wrapped_key to NULL and keeps the row as a tombstone, so that no
-- new key is ever created for an erased person and their ciphertexts stay unreadable for good.
CREATE TABLE data_key (
    person_id   UUID        NOT NULL PRIMARY KEY,
    key_id      UUID        NOT NULL UNIQUE,
    wrapped_key BYTEA,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    shredded_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT data_key_shredded_has_no_key CHECK (shredded_at IS NULL OR wrapped_key IS NULL)
);

-- token_vault: provider tokens (OAuth access and refresh tokens) sealed with AES-256-GCM under the
-- vault key from configuration, a fresh nonce per write, bound to vault_ref. Events carry only vault_ref.
CREATE TABLE token_vault (
    vault_ref      VARCHAR(64)  NOT NULL PRIMARY KEY,
    integration_id VARCHAR(80)  NOT NULL UNIQUE,
    person_id      UUID         NOT NULL,
    sealed         BYTEA        NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX token_vault_person_idx ON token_vault (person_id);
