/** The tip API: recommend (current or fresh tip) and reactions. */
package app.oo.web.tip;
