-- "Sign in with <provider>": an upstream OIDC provider's (issuer, subject) names one local account.
-- The account has no password; deleting the account deletes its links.

CREATE TABLE account_provider (
    issuer          VARCHAR(255) NOT NULL,     -- the provider's issuer URL, as in its id tokens
    subject         VARCHAR(255) NOT NULL,     -- the provider's stable id of the person (sub)
    username        VARCHAR(64)  NOT NULL REFERENCES account (username) ON DELETE CASCADE,
    registration_id VARCHAR(100) NOT NULL,     -- spring.security.oauth2.client.registration.<id> that signed in first
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX account_provider_username_idx ON account_provider (username);
