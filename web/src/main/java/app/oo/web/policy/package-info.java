/** The analyst's view of the tip policies and the promotion of the shadow through the gate. */
package app.oo.web.policy;
