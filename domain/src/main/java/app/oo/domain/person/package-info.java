/** The person: registration and the commands and events of the person's aggregate. */
package app.oo.domain.person;
