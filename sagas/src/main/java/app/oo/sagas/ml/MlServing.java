package app.oo.sagas.ml;

import java.util.concurrent.CompletableFuture;

/**
 * ml/serving as the sagas see it (docs/api/ml-serving.yaml). Every call is asynchronous so no saga
 * or event-handler thread waits on the network; failures complete the future with an
 * {@link MlServingException}.
 */
public interface MlServing {

    CompletableFuture<GenerateResponse> generate(GenerateRequest request);

    CompletableFuture<RankResponse> rank(RankRequest request);

    /** Idempotent per decision id; completes with false when ml/serving had already applied it. */
    CompletableFuture<Boolean> reward(RewardRequest request);

    /** The incumbent and the shadow with their versions, update counts and online values. */
    CompletableFuture<Policies> policies();

    /**
     * Swaps the roles: the shadow named in the request becomes the incumbent, both under new
     * versions. Not idempotent: a repeat is refused ({@link MlServingException.Kind#REJECTED})
     * once the policy is the incumbent, so callers check {@link #policies()} before retrying.
     */
    CompletableFuture<Policies> promote(PromoteRequest request);
}
