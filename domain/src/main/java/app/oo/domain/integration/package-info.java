/** Integrations (Todoist first): connected with scopes and a token-vault reference, refreshed, revoked, disconnected. */
package app.oo.domain.integration;
