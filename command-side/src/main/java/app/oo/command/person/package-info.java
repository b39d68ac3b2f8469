/** The person aggregate: registration, consents, signals and tip requests, and the rules that guard them. */
package app.oo.command.person;
