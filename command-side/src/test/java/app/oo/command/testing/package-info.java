/** Test support: a real PostgreSQL for the command side's JDBC stores. */
package app.oo.command.testing;
