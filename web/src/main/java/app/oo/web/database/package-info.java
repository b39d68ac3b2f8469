/** The PostgreSQL the app runs on: the configured server, or an embedded one with a persistent data directory. */
package app.oo.web.database;
