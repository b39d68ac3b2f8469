/**
 * The Todoist connector: the OAuth connect with state and PKCE, the token's refresh and revocation,
 * the periodic and on-demand sync into derivative task signals, and task titles for tip generation.
 */
package app.oo.web.todoist;
