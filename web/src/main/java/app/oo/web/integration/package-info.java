/** The person's integrations over HTTP: which providers are connected, how their syncs went, sync now, disconnect. */
package app.oo.web.integration;
