/** RFC 7807 problem responses, with the field at fault, for every error the API gives. */
package app.oo.web.problem;
