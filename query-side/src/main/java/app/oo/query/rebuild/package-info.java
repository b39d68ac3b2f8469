/**
 * Projection rebuilds: replay a projection from the event store into fresh tables while the live
 * ones keep serving, then swap them in one transaction; or, as of an instant, into a named snapshot
 * schema for offline simulation. Also each projection's position, lag and status.
 */
package app.oo.query.rebuild;
