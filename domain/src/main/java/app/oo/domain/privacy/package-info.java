/** Markers for personal data and its data subject, read by the crypto-shredding serializer. */
package app.oo.domain.privacy;
