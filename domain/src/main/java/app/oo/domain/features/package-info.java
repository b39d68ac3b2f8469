/** Queries of the person's feature view and their typed responses. */
package app.oo.domain.features;
