package app.oo.domain.policy;

/** The live decision log's shadow runs, newest first, at most {@code limit}. Answers {@link ShadowRunsView}. */
public record FetchShadowRunsQuery(int limit) {
}
