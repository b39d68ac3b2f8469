/** Simulation runs of ml/pipelines against the app's own decision log, started and watched from the analyst console. */
package app.oo.web.simulation;
