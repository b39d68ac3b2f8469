/** Operational queries about the read models: each projection's position, lag and status, and rebuild progress. */
package app.oo.domain.projection;
