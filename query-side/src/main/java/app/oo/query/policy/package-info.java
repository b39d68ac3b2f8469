/** Reads of the live decision log for the promotion console: how each shadow run fares online. */
package app.oo.query.policy;
