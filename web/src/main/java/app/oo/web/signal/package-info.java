/** The signal API: single and batch ingestion, validated into typed commands. */
package app.oo.web.signal;
