/** The analyst console: its page, and its API under /admin/api for projections and their rebuilds. */
package app.oo.web.admin;
