/** The timing views (preferences, decisions) and the schedule of each person's next moments. */
package app.oo.query.timing;
