/** The tip aggregate: issued with its decision, reacted to once by its owner. */
package app.oo.command.tip;
