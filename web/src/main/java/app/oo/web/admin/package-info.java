/** The analyst console page: simulations, policies and their promotion (and the projections section others fill). */
package app.oo.web.admin;
