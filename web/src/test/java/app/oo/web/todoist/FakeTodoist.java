package app.oo.web.todoist;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A Todoist on the loopback interface answering in the documented shapes of its unified API v1:
 * the OAuth token endpoint (authorization code and refresh), {@code GET /api/v1/tasks} paged with
 * {@code results}/{@code next_cursor}, {@code GET /api/v1/tasks/completed/by_completion_date} with
 * {@code items}/{@code next_cursor}, 401 for an unknown token, 429 with Retry-After on request,
 * and RFC 7009 revocation. One instance serves the shared Spring context of every integration test.
 */
public final class FakeTodoist {

    public static final String CLIENT_ID = "oo-test-client";
    public static final String CLIENT_SECRET = "oo-test-client-secret";

    private static FakeTodoist shared;

    /** One Todoist account: its tasks, its grant, and what to misbehave with next. */
    public static final class Account {
        public final String code = "code-" + UUID.randomUUID();
        volatile String accessToken = "access-" + UUID.randomUUID();
        volatile String refreshToken;
        volatile Long expiresIn;
        final List<Map<String, Object>> open = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> completed = new CopyOnWriteArrayList<>();
        final AtomicInteger rateLimited = new AtomicInteger();
        volatile String retryAfter = "1";
        final AtomicInteger taskRequests = new AtomicInteger();
        final List<String> codeVerifiers = new CopyOnWriteArrayList<>();

        public String accessToken() {
            return accessToken;
        }

        /** Grants come with a refresh token and an expiry, as an expiring-token OAuth app would get. */
        public Account refreshable() {
            this.refreshToken = "refresh-" + UUID.randomUUID();
            this.expiresIn = 3600L;
            return this;
        }

        public Account openTask(String id, String content, LocalDate due) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("id", id);
            task.put("user_id", "2671355");
            task.put("project_id", "2203306141");
            task.put("content", content);
            task.put("description", "");
            task.put("checked", false);
            task.put("is_deleted", false);
            task.put("priority", 1);
            task.put("labels", List.of());
            task.put("due", due == null ? null : Map.of("date", due.toString(), "string", "some day",
                    "lang", "en", "is_recurring", false));
            task.put("added_at", "2026-11-01T09:00:00Z");
            open.add(task);
            return this;
        }

        public Account completedTask(String id, String content, Instant at) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("id", id);
            task.put("content", content);
            task.put("checked", true);
            task.put("completed_at", at.toString());
            completed.add(task);
            return this;
        }

        /** The access token stops working (expired or revoked at Todoist's side). */
        public void invalidateAccessToken() {
            accessToken = "gone-" + UUID.randomUUID();
        }

        public void rateLimitNext(int times, String retryAfterSeconds) {
            retryAfter = retryAfterSeconds;
            rateLimited.set(times);
        }

        public int taskRequests() {
            return taskRequests.get();
        }

        public List<String> codeVerifiers() {
            return codeVerifiers;
        }
    }

    private final HttpServer server;
    private final Map<String, Account> byCode = new ConcurrentHashMap<>();
    private final List<Account> accounts = new CopyOnWriteArrayList<>();
    private final List<String> revoked = new CopyOnWriteArrayList<>();
    private final java.util.Queue<Account> approvals = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private FakeTodoist() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/oauth/authorize", this::authorize);
        server.createContext("/oauth/access_token", this::token);
        server.createContext("/api/v1/tasks", this::tasks);
        server.createContext("/api/v1/revoke", this::revoke);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-todoist");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static synchronized FakeTodoist shared() {
        if (shared == null) {
            shared = new FakeTodoist();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new account whose authorization code the next callback may carry. */
    public Account newAccount() {
        Account account = new Account();
        byCode.put(account.code, account);
        accounts.add(account);
        return account;
    }

    /** The next visit of the consent screen grants access to this account (else the person declines). */
    public void approveNextWith(Account account) {
        approvals.add(account);
    }

    public List<String> revokedTokens() {
        return List.copyOf(revoked);
    }

    /** The consent screen, answered at once: back to {@code redirect_uri} with a code (or access_denied) and the state. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Account account = approvals.poll();
        String state = java.net.URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
        String back = query.get("redirect_uri") + (account == null ? "?error=access_denied&state=" + state
                : "?code=" + account.code + "&state=" + state);
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(body(exchange));
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Account account = switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                Account a = byCode.remove(form.getOrDefault("code", ""));
                if (a != null) {
                    a.codeVerifiers.add(form.get("code_verifier"));
                }
                yield a;
            }
            case "refresh_token" -> accounts.stream()
                    .filter(a -> a.refreshToken != null && a.refreshToken.equals(form.get("refresh_token")))
                    .findFirst().map(a -> {
                        a.accessToken = "access-" + UUID.randomUUID();
                        a.refreshToken = "refresh-" + UUID.randomUUID();
                        return a;
                    }).orElse(null);
            default -> null;
        };
        if (account == null) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        answer(exchange, 200, "{\"access_token\":\"" + account.accessToken + "\",\"token_type\":\"Bearer\""
                + (account.refreshToken == null ? "" : ",\"refresh_token\":\"" + account.refreshToken + "\"")
                + (account.expiresIn == null ? "" : ",\"expires_in\":" + account.expiresIn) + "}");
    }

    private void tasks(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        Account account = accounts.stream().filter(a -> ("Bearer " + a.accessToken).equals(auth)).findFirst()
                .orElse(null);
        if (account == null) {
            answer(exchange, 401, "{\"error\":\"Unauthorized\"}");
            return;
        }
        account.taskRequests.incrementAndGet();
        if (account.rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("Retry-After", account.retryAfter);
            answer(exchange, 429, "{\"error\":\"Too Many Requests\"}");
            return;
        }
        boolean completed = path.equals("/api/v1/tasks/completed/by_completion_date");
        if (!completed && !path.equals("/api/v1/tasks")) {
            answer(exchange, 404, "{\"error\":\"Not Found\"}");
            return;
        }
        if (completed && (query.get("since") == null || query.get("until") == null)) {
            answer(exchange, 400, "{\"error\":\"since and until are required\"}");
            return;
        }
        List<Map<String, Object>> all = account.open;
        if (completed) {
            Instant since = Instant.parse(query.get("since"));
            Instant until = Instant.parse(query.get("until"));
            all = account.completed.stream().filter(t -> {
                Instant at = Instant.parse((String) t.get("completed_at"));
                return !at.isBefore(since) && at.isBefore(until);
            }).toList();
        }
        // Two pages whenever there is more than one task: the first half, then the rest.
        int half = (all.size() + 1) / 2;
        boolean second = "page-2".equals(query.get("cursor"));
        List<Map<String, Object>> page = all.size() <= 1 ? all : second ? all.subList(half, all.size())
                : all.subList(0, half);
        String next = all.size() > 1 && !second ? "\"page-2\"" : "null";
        answer(exchange, 200, "{\"" + (completed ? "items" : "results") + "\":" + json(page)
                + ",\"next_cursor\":" + next + "}");
    }

    private void revoke(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(auth)) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = form(body(exchange)).get("token");
        if (token != null) {
            revoked.add(token);
            accounts.stream().filter(a -> token.equals(a.accessToken)).forEach(Account::invalidateAccessToken);
        }
        answer(exchange, 200, "");
    }

    private static String json(List<Map<String, Object>> items) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new ArrayList<>(items));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(text.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> b));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
