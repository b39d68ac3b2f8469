/** The timing policy: whether a due moment brings a person a tip now, and why not when it does not. */
package app.oo.sagas.timing;
