/** Sign-in: the Spring Authorization Server, accounts, sign-up in the dev profile, and the security filter chains. */
package app.oo.web.identity;
