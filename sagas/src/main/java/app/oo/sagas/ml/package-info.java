/** The port through which sagas reach ml/serving; ml-bridge implements it. */
package app.oo.sagas.ml;
