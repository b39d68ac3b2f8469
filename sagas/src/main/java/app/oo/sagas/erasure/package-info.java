/** The erasure saga: revoke, delete tokens, shred the key, purge the views, with evidence of every step; and its replay. */
package app.oo.sagas.erasure;
