/** The Spring Boot application of oO. */
package app.oo.web;
