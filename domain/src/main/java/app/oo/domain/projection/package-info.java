/** Operational queries about the read models: each projection's position, lag and status, and rebuild progress, and the events they could not handle (dead letters). */
package app.oo.domain.projection;
