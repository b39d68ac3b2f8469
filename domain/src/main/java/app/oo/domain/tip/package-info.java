/** Tips: requested, issued with the decision behind them, shown, reacted to, snoozed and resurfaced, or expired. */
package app.oo.domain.tip;
