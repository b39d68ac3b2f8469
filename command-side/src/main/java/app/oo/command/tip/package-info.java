/** The tip aggregate: issued with its decision, shown to and reacted to by its owner, snoozed and resurfaced, or expired. */
package app.oo.command.tip;
