/** Erasure in the deployable: the saga's ports over the vault and the data keys, the view purge, and compliance's replay API. */
package app.oo.web.erasure;
