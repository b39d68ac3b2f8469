/** Tip policies: promoting the shadow to incumbent on offline and online evidence, and the shadow's online record. */
package app.oo.domain.policy;
