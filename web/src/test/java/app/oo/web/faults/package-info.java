/** The fault suite: oO keeps working while its database, ml/serving or the app itself fail, and loses nothing it accepted. */
package app.oo.web.faults;
