/** Signals from a person's life (tasks, calendar, mood, habits, context) with typed, validated payloads. */
package app.oo.domain.signal;
