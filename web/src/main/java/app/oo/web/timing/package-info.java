/** Timed tips: the poller that decides each person's due moments, and the timing API for persons and analysts. */
package app.oo.web.timing;
