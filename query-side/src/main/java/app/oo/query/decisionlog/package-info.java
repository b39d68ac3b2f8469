/** The decision log: one pseudonymous row per decision, the data set of offline simulation. */
package app.oo.query.decisionlog;
