/** The tip feed: each person's current tip and history, as the page shows it. */
package app.oo.query.tipfeed;
