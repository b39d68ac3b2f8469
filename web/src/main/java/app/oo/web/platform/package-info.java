/** Cross-cutting wiring: the clock, Axon settings, health of the parts the app depends on. */
package app.oo.web.platform;
