/** A fast rebuild path for projections: large sequential reads of the event store, only the payload types a projection handles, parallel by aggregate. */
package app.oo.query.replay;
