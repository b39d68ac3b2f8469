/** The tip saga: from a tip request to an issued tip, ranked by ml/serving or from the fallback rules. */
package app.oo.sagas.tip;
