/** The integrations view: each person's provider connections, their scopes, vault reference and status. */
package app.oo.query.integration;
