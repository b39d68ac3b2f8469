/** A person's timing preferences, the triggers of timed tips, and the queries of the timing views. */
package app.oo.domain.timing;
