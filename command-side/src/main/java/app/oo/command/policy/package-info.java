/** The policy registry: the one aggregate that decides promotions, and the gate it applies. */
package app.oo.command.policy;
