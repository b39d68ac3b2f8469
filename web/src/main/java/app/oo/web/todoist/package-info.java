/** The Todoist connector: so far its token revocation, which the erasure saga calls through its port. */
package app.oo.web.todoist;
