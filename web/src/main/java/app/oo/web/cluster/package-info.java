/** Several app nodes on one PostgreSQL: naming a node, counting the live ones, sharing the processors' segments. */
package app.oo.web.cluster;
