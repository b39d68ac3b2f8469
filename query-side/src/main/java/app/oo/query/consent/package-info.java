/** The consents view: each person's current decision per source and purpose. */
package app.oo.query.consent;
