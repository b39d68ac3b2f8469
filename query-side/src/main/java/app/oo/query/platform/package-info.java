/**
 * What every projection shares: batched idempotent writes, the erased-person guard, the lag metric,
 * and the catalogue of projections that the rebuild service and the admin API work from.
 */
package app.oo.query.platform;
