/** The person's own data: export of everything held, and erasure of the account. */
package app.oo.web.me;
