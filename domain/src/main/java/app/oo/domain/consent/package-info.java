/** Consents per source and per purpose, with when, how and under which policy version. */
package app.oo.domain.consent;
