/** The consent API: list and toggle consents per source and purpose. */
package app.oo.web.consent;
