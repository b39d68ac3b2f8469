/** The person's feature view: the numbers the recommender reads, derived from signals and tips. */
package app.oo.query.features;
