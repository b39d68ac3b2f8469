/** The fast projection rebuild as a command-line tool: what infra/bench/run measures beside Axon's own replay. */
package app.oo.web.replay;
