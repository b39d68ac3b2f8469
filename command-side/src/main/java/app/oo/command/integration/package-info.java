/** The integration aggregate (one person's connection to one provider) and the encrypted token vault. */
package app.oo.command.integration;
