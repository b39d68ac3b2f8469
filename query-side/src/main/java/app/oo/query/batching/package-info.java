/** Projection writes gathered per unit of work and sent as JDBC batches just before its commit. */
package app.oo.query.batching;
