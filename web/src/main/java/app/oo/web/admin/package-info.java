/** Staff consoles' APIs under /admin/api: projections and their rebuilds (analyst role). */
package app.oo.web.admin;
