package app.oo.mlbridge;

import app.oo.sagas.ml.GenerateRequest;
import app.oo.sagas.ml.GenerateResponse;
import app.oo.sagas.ml.MlServing;
import app.oo.sagas.ml.MlServingException;
import app.oo.sagas.ml.MlServingException.Kind;
import app.oo.sagas.ml.Policies;
import app.oo.sagas.ml.PromoteRequest;
import app.oo.sagas.ml.RankRequest;
import app.oo.sagas.ml.RankResponse;
import app.oo.sagas.ml.RewardRequest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jetbrains.annotations.NotNull;

/**
 * ml/serving over HTTP (docs/api/ml-serving.yaml) with OkHttp: connect and call timeouts,
 * retries with exponential back-off for idempotent calls only ({@code /generate},
 * {@code /reward}, {@code GET /policies}), and a circuit breaker that fails fast while the service
 * is down. {@code /rank} is not retried: a retry would draw a second decision for the same request;
 * nor is {@code /policies/promote}: a repeat after a lost answer is refused, so its caller decides.
 */
public class OkHttpMlServing implements MlServing {

    private static final MediaType JSON = MediaType.get("application/json");

    private final Supplier<String> baseUrl;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final CircuitBreaker circuit;
    private final ScheduledExecutorService retryScheduler;
    private final int retries;
    private final Duration backoff;

    public OkHttpMlServing(Supplier<String> baseUrl, MlBridgeProperties props, ScheduledExecutorService retryScheduler,
                           Clock clock) {
        this.baseUrl = baseUrl;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(props.connectTimeout())
                .callTimeout(props.callTimeout())
                .retryOnConnectionFailure(false)
                .build();
        this.json = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.circuit = new CircuitBreaker(props.failureThreshold(), props.openFor(), clock);
        this.retryScheduler = retryScheduler;
        this.retries = props.retries();
        this.backoff = props.backoff();
    }

    @Override
    public CompletableFuture<GenerateResponse> generate(GenerateRequest request) {
        return call("/generate", request, true).thenApply(body -> read(body, GenerateResponse.class));
    }

    @Override
    public CompletableFuture<RankResponse> rank(RankRequest request) {
        return call("/rank", request, false).thenApply(body -> read(body, RankResponse.class));
    }

    @Override
    public CompletableFuture<Boolean> reward(RewardRequest request) {
        return call("/reward", request, true).thenApply(body -> read(body, JsonNode.class).path("applied").asBoolean());
    }

    @Override
    public CompletableFuture<Policies> policies() {
        CompletableFuture<String> result = new CompletableFuture<>();
        attempt("/policies", null, retries, backoff, result);
        return result.thenApply(body -> read(body, Policies.class));
    }

    @Override
    public CompletableFuture<Policies> promote(PromoteRequest request) {
        return call("/policies/promote", request, false).thenApply(body -> read(body, Policies.class));
    }

    /** {@code GET /health} answered 200 with status UP. */
    public boolean isUp() {
        Request request = new Request.Builder().url(baseUrl.get() + "/health").get().build();
        try (Response response = http.newCall(request).execute()) {
            return response.isSuccessful() && "UP".equals(json.readTree(response.body().string()).path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    public Map<String, Object> details() {
        return Map.of("url", baseUrl.get(), "circuit", circuit.state().name());
    }

    private CompletableFuture<String> call(String path, Object payload, boolean idempotent) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(payload);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new MlServingException(Kind.BAD_RESPONSE,
                    "cannot write the request of " + path, e));
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        attempt(path, body, idempotent ? retries : 0, backoff, result);
        return result;
    }

    /** One attempt of a call: a POST of {@code body}, or a GET when it is null. */
    private void attempt(String path, byte[] body, int retriesLeft, Duration delay, CompletableFuture<String> result) {
        if (!circuit.tryAcquire()) {
            result.completeExceptionally(new MlServingException(Kind.CIRCUIT_OPEN,
                    "ml/serving is failing; the circuit is open, " + path + " not attempted"));
            return;
        }
        Request.Builder builder = new Request.Builder().url(baseUrl.get() + path);
        Request request = (body == null ? builder.get() : builder.post(RequestBody.create(body, JSON))).build();
        http.newCall(request).enqueue(new Callback() {
            @Override
            public void onResponse(@NotNull Call call, @NotNull Response response) {
                try (response) {
                    String text = response.body().string();
                    if (response.isSuccessful()) {
                        circuit.onSuccess();
                        result.complete(text);
                    } else if (response.code() == 404 && "/reward".equals(path)) {
                        circuit.onSuccess();
                        result.completeExceptionally(new MlServingException(Kind.UNKNOWN_DECISION,
                                "ml/serving knows no such decision"));
                    } else if (response.code() >= 400 && response.code() < 500) {
                        circuit.onSuccess();
                        result.completeExceptionally(new MlServingException(Kind.REJECTED,
                                path + " refused with " + response.code() + ": " + abbreviated(text)));
                    } else {
                        fail(new MlServingException(Kind.UNAVAILABLE, path + " answered " + response.code()));
                    }
                } catch (IOException e) {
                    fail(new MlServingException(Kind.UNAVAILABLE, path + " failed while reading: " + e.getMessage(), e));
                }
            }

            @Override
            public void onFailure(@NotNull Call call, @NotNull IOException e) {
                Kind kind = e instanceof InterruptedIOException ? Kind.TIMEOUT : Kind.UNAVAILABLE;
                fail(new MlServingException(kind, path + " failed: " + e.getMessage(), e));
            }

            private void fail(MlServingException failure) {
                circuit.onFailure();
                if (retriesLeft > 0) {
                    retryScheduler.schedule(() -> attempt(path, body, retriesLeft - 1, delay.multipliedBy(2), result),
                            delay.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    result.completeExceptionally(failure);
                }
            }
        });
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new MlServingException(Kind.BAD_RESPONSE, "unreadable answer from ml/serving: " + e.getMessage(), e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
