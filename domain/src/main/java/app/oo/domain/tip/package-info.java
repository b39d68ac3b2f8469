/** Tips: requested, issued with the decision behind them, and reacted to. */
package app.oo.domain.tip;
