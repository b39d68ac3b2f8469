/** The aggregate cache: keeps recently used aggregates in memory, strongly and bounded, so a command rarely loads a stream. */
package app.oo.command.caching;
