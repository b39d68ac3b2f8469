/** Dead letters of the projections: Axon's JDBC dead-letter queue per processing group, its policy, listing and retries. */
package app.oo.query.deadletter;
