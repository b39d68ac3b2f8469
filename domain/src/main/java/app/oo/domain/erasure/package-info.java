/** Erasure: a person asks to be forgotten; every trace is revoked, shredded or purged, with evidence. */
package app.oo.domain.erasure;
