import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * oO's load generator and measuring tool: a single-file program on the JDK's HttpClient and the
 * PostgreSQL JDBC driver only (run by infra/bench/run as {@code java -cp postgresql.jar Bench.java}).
 * Every load loop is bounded in time and sends to loopback URLs only. Each figure is printed as a
 * line {@code RESULT<TAB>figure<TAB>value<TAB>how} and appended to {@code results=FILE}.
 *
 * <pre>
 * tokens     url= n= out= prefix=            sign up n persons, tokens through authorization code + PKCE
 * ingest     urls= tokens= batch= conns= [rate=] warmup= seconds= jdbc= [ids=] [label=]  (rate: requests/s, open loop)
 * raw        jdbc= rows= batch= threads=     the ceiling: the same rows inserted raw in JDBC batches
 * recommend  url= tokens= [rate=] conns= warmup= seconds= label=
 * paint      url= [loads=]                    first paint of the tip in headless Chromium (chromedriver) [pid=]  (pid: the app JVM, for requests per CPU-second)
 * topup      jdbc= total=                    clone recorded signals until the store holds total events
 * seqread    jdbc=                           raw sequential read of domainevententry
 * replay     jdbc= processor=                wait for a processor's tokens to reach the head, with rate
 * tokens-owners jdbc=                        print tokenentry owners
 * verify     jdbc= ids=                      every accepted signal id once in the store and in the view
 * createdb   jdbc= (the new database's URL)   drop it if it exists and create it afresh
 * drain      jdbc= label=                    wait until person_signal holds every recorded signal
 * reset-processor jdbc= processor=           replay one processor from the start (others to the head)
 * soak       url= tokens= rate= minutes= jdbc= pid= [batch=] [conns=] [interval=] [heap-bound-mb=]
 *                                            steady ingest for minutes; errors, heap after GC, view lag over time
 * heads      jdbc=                           every processor's tokens to the store's head (after a raw top-up)
 * erasure    url= jdbc= tokens= line= signals= label=
 *                                            a person records signals, then DELETE /api/me: time to PersonErasedEvent
 * rebuild    url= token= projection= pid= seqread= label=
 *                                            a rebuild through the admin API: progress, wall and CPU-normalised rates
 * </pre>
 */
public class Bench {

    static final PrintStream out = System.out;
    static Path results;

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: Bench <command> key=value...");
            System.exit(2);
        }
        Map<String, String> a = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            int eq = argv[i].indexOf('=');
            a.put(argv[i].substring(0, eq), argv[i].substring(eq + 1));
        }
        if (a.containsKey("results")) {
            results = Path.of(a.get("results"));
        }
        int code = switch (argv[0]) {
            case "tokens" -> Tokens.run(a);
            case "paint" -> Paint.run(a);
            case "ingest" -> Ingest.run(a);
            case "raw" -> Raw.run(a);
            case "recommend" -> Recommend.run(a);
            case "topup" -> TopUp.run(a);
            case "seqread" -> SeqRead.run(a);
            case "replay" -> ReplayWatch.run(a);
            case "owners" -> Owners.run(a);
            case "verify" -> Verify.run(a);
            case "createdb" -> Admin.createDb(a);
            case "drain" -> Admin.drain(a);
            case "reset-processor" -> Admin.resetProcessor(a);
            case "soak" -> Soak.run(a);
            case "heads" -> Admin.heads(a);
            case "erasure" -> Erasure.run(a);
            case "rebuild" -> Rebuild.run(a);
            default -> throw new IllegalArgumentException("unknown command " + argv[0]);
        };
        System.exit(code);
    }

    static void result(String figure, String value, String how) {
        String line = "RESULT\t" + figure + "\t" + value + "\t" + how + "; load average " + loadAverage();
        out.println(line);
        if (results != null) {
            try {
                Files.writeString(results, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }
    }

    /** Other work on the machine skews every figure: each one says how busy the machine was. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static String arg(Map<String, String> a, String key, String def) {
        String v = a.get(key);
        if (v == null && def == null) {
            throw new IllegalArgumentException("missing " + key + "=");
        }
        return v == null ? def : v;
    }

    static int intArg(Map<String, String> a, String key, int def) {
        return Integer.parseInt(arg(a, key, String.valueOf(def)));
    }

    static Connection jdbc(Map<String, String> a) throws SQLException {
        String url = arg(a, "jdbc", null);
        url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        return DriverManager.getConnection(url, arg(a, "dbuser", "postgres"), a.getOrDefault("dbpassword", ""));
    }

    static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Progress of a long run: done, total, rate, ETA (one line every few seconds). */
    static final class Progress {
        private final String what;
        private final long total;
        private final long started = System.nanoTime();
        private long lastPrint = started;

        Progress(String what, long total) {
            this.what = what;
            this.total = total;
        }

        void maybePrint(long done) {
            long now = System.nanoTime();
            if (now - lastPrint < 5_000_000_000L) {
                return;
            }
            lastPrint = now;
            print(done);
        }

        void print(long done) {
            double secs = (System.nanoTime() - started) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            String eta = total > 0 && rate > 0 ? String.format(Locale.ROOT, "%.0fs", (total - done) / rate) : "?";
            out.printf(Locale.ROOT, "  %s: %,d / %s done, %,.0f/s, ETA %s%n", what, done,
                    total > 0 ? String.format(Locale.ROOT, "%,d", total) : "?", rate, eta);
        }
    }

    /** Latencies in microseconds; percentiles by sorting (a run holds at most a few million). */
    static final class Latencies {
        private long[] values = new long[1 << 16];
        private int n;

        synchronized void add(long micros) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = micros;
        }

        synchronized void addAll(Latencies other) {
            for (int i = 0; i < other.n; i++) {
                add(other.values[i]);
            }
        }

        synchronized int count() {
            return n;
        }

        synchronized double pctMs(double p) {
            if (n == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            int idx = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
            return sorted[idx] / 1000.0;
        }

        String summary() {
            return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
                    pctMs(50), pctMs(99), pctMs(99.9), pctMs(100));
        }
    }

    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    // ------------------------------------------------------------------------------------------
    /** Persons and their real tokens: sign-up (dev profile) then authorization code + PKCE. */
    static final class Tokens {
        static final String PASSWORD = "oo-bench-password";
        static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        static final String REDIRECT = "http://127.0.0.1:8765/callback";

        static int run(Map<String, String> a) throws Exception {
            String base = arg(a, "url", null);
            int n = intArg(a, "n", 64);
            String prefix = arg(a, "prefix", "bench" + Long.toString(System.currentTimeMillis(), 36));
            Path file = Path.of(arg(a, "out", null));
            List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(intArg(a, "threads", 2));
            long t0 = System.nanoTime();
            AtomicLong done = new AtomicLong();
            Progress progress = new Progress("persons signed up and tokens issued", n);
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String user = prefix + "-" + i;
                futures.add(pool.submit(() -> {
                    String token = signUpAndToken(base, user);
                    lines.add(personOf(token) + " " + token);
                    progress.maybePrint(done.incrementAndGet());
                    return null;
                }));
            }
            for (var f : futures) {
                f.get();
            }
            pool.shutdown();
            Files.write(file, lines);
            double secs = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "  %d persons with tokens in %.1f s (%s)%n", n, secs, file);
            return 0;
        }

        static String personOf(String jwt) {
            String body = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\"pid\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("token without pid: " + body);
            }
            return m.group(1);
        }

        static String signUpAndToken(String base, String user) throws Exception {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String csrf = csrf(browser, base + "/signup");
            String consents = "&consent=tasks&consent=calendar&consent=mood&consent=habits&consent=context"
                    + "&consent=tips&consent=offline-analysis";
            HttpResponse<String> signedUp = browser.send(form(base + "/signup",
                    "username=" + enc(user) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(csrf) + consents),
                    HttpResponse.BodyHandlers.ofString());
            if (signedUp.statusCode() != 303 && signedUp.statusCode() != 409) {
                throw new IllegalStateException("sign-up of " + user + " answered " + signedUp.statusCode());
            }
            browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            byte[] rnd = new byte[48];
            new SecureRandom().nextBytes(rnd);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(rnd);
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String state = UUID.randomUUID().toString();
            String authorize = base + "/oauth2/authorize?response_type=code&client_id=oo-cli&scope=openid%20api"
                    + "&redirect_uri=" + enc(REDIRECT) + "&code_challenge=" + challenge
                    + "&code_challenge_method=S256&state=" + state;
            browser.send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String loginCsrf = csrf(browser, base + "/login");
            HttpResponse<String> login = browser.send(form(base + "/login", "username=" + enc(user) + "&password="
                    + enc(PASSWORD) + "&_csrf=" + enc(loginCsrf)), HttpResponse.BodyHandlers.ofString());
            String back = login.headers().firstValue("Location").orElse("");
            if (back.isEmpty() || back.contains("error")) {
                throw new IllegalStateException("sign-in of " + user + " failed: " + login.statusCode());
            }
            URI backUri = URI.create(base).resolve(back);
            HttpResponse<String> code = browser.send(HttpRequest.newBuilder(backUri).header("Accept", "text/html")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            String location = code.headers().firstValue("Location").orElse("");
            Matcher m = Pattern.compile("[?&]code=([^&]+)").matcher(location);
            if (!m.find() || !location.contains("state=" + state)) {
                throw new IllegalStateException("no authorization code for " + user + ": " + location);
            }
            HttpResponse<String> tokens = browser.send(form(base + "/oauth2/token", "grant_type=authorization_code"
                            + "&client_id=oo-cli&code=" + m.group(1) + "&redirect_uri=" + enc(REDIRECT)
                            + "&code_verifier=" + verifier), HttpResponse.BodyHandlers.ofString());
            Matcher t = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokens.body());
            if (tokens.statusCode() != 200 || !t.find()) {
                throw new IllegalStateException("token exchange answered " + tokens.statusCode());
            }
            return t.group(1);
        }

        static String csrf(HttpClient browser, String url) throws Exception {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(page.body());
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on " + url + " (" + page.statusCode() + ")");
            }
            return m.group(1);
        }

        static HttpRequest form(String url, String body) {
            return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        /** person id and token per line. */
        static List<String[]> load(String file) throws IOException {
            List<String[]> persons = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(file))) {
                if (!line.isBlank()) {
                    persons.add(line.trim().split(" ", 2));
                }
            }
            if (persons.isEmpty()) {
                throw new IllegalStateException("no tokens in " + file);
            }
            return persons;
        }
    }

    // ------------------------------------------------------------------------------------------
    /**
     * Signals in, closed loop: conns threads, each owning a share of the persons (a person's
     * commands do not contend across threads). With several URLs a person sticks to one node
     * (hash), as a load balancer with affinity would do; a refused connection or a 5xx sends the
     * same body (same client ids) to the next node, so a retry is recorded once.
     * View lag: for sampled requests, the time from the 202 to the last signal of the request being
     * visible in person_signal, polled through JDBC every 5 ms.
     */
    /**
     * Open loop: releases one request every 1/rate s into schedule, stamped with its release time,
     * so a request's latency counts from when it was due and a slow answer cannot hide the queue.
     */
    static Thread dispatcher(int rate, AtomicBoolean stop, BlockingQueue<Long> schedule) {
        Thread thread = new Thread(() -> {
            long period = 1_000_000_000L / rate;
            long at = System.nanoTime();
            while (!stop.get()) {
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                schedule.offer(at);
                at += period;
            }
        }, "dispatcher");
        thread.start();
        return thread;
    }

    // ------------------------------------------------------------------------------------------
    /**
     * The first paint of the tip on loopback, in Debian's headless Chromium driven over
     * chromedriver's W3C protocol: a new person signs up and in through the sign-in form, gets a
     * first tip, then the page is loaded afresh {@code loads} times. Per load: the time from the
     * navigation's start to the page's {@code oo:tip-painted} mark (set just after the frame that
     * paints the first tip, assets/oo.js), beside the browser's own first-contentful-paint.
     */
    static final class Paint {
        static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

        static int run(Map<String, String> a) throws Exception {
            String base = arg(a, "url", null);
            int loads = intArg(a, "loads", 30);
            if (!Files.isExecutable(Path.of("/usr/bin/chromedriver"))) {
                result("first paint of the tip", "not measured", "no /usr/bin/chromedriver (infra/bin/install-deps installs it)");
                return 0;
            }
            String user = "paint" + Long.toString(System.currentTimeMillis(), 36);
            Tokens.signUpAndToken(base, user);
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("oo-paint");
            Process driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("chromedriver.log").toFile()).start();
            HttpClient client = http();
            String wd = "http://127.0.0.1:" + port;
            try {
                for (int i = 0; i < 100 && !ready(client, wd); i++) {
                    sleep(100);
                }
                String created = send(client, "POST", wd + "/session", "{\"capabilities\":{\"alwaysMatch\":{\"goog:chromeOptions\":"
                        + "{\"binary\":\"/usr/bin/chromium\",\"args\":[\"--headless=new\",\"--no-sandbox\",\"--disable-gpu\","
                        + "\"--disable-dev-shm-usage\",\"--disable-quic\",\"--no-first-run\",\"--disable-background-networking\","
                        + "\"--disable-component-update\",\"--disable-sync\",\"--window-size=390,844\"]}}}}");
                Matcher id = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"").matcher(created);
                if (!id.find()) {
                    throw new IllegalStateException("chromedriver gave no session: " + created);
                }
                String session = wd + "/session/" + id.group(1);
                open(client, session, base + "/");
                waitFor(client, session, "return location.pathname === '/login'");
                send(client, "POST", session + "/element/" + element(client, session, "input[name=username]") + "/value",
                        "{\"text\":\"" + user + "\"}");
                send(client, "POST", session + "/element/" + element(client, session, "input[name=password]") + "/value",
                        "{\"text\":\"" + Tokens.PASSWORD + "\"}");
                send(client, "POST", session + "/element/" + element(client, session, "button[type=submit]") + "/click", "{}");
                waitFor(client, session, "return performance.getEntriesByName('oo:tip-painted').length > 0");
                Latencies painted = new Latencies();
                Latencies fcp = new Latencies();
                Progress progress = new Progress("first paint loads", loads);
                for (int i = 1; i <= loads; i++) {
                    open(client, session, base + "/");
                    waitFor(client, session, "return performance.getEntriesByName('oo:tip-painted').length > 0");
                    painted.add(Math.round(1000 * number(script(client, session,
                            "return performance.getEntriesByName('oo:tip-painted')[0].startTime"))));
                    fcp.add(Math.round(1000 * number(script(client, session,
                            "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : 0"))));
                    progress.maybePrint(i);
                }
                send(client, "DELETE", session, null);
                result("first paint of the tip", painted.summary(), loads + " loads of / in headless Chromium (390x844) on "
                        + "loopback, the current tip served: navigation start to the frame that paints the tip");
                result("first contentful paint", fcp.summary(), "the browser's own mark, same loads");
                return 0;
            } finally {
                driver.destroy();
            }
        }

        static boolean ready(HttpClient client, String wd) {
            try {
                return client.send(HttpRequest.newBuilder(URI.create(wd + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }

        static String send(HttpClient client, String method, String url, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(method + " " + url + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }

        static void open(HttpClient client, String session, String url) throws Exception {
            send(client, "POST", session + "/url", "{\"url\":\"" + url + "\"}");
        }

        static String element(HttpClient client, String session, String css) throws Exception {
            String found = send(client, "POST", session + "/element", "{\"using\":\"css selector\",\"value\":\"" + css + "\"}");
            Matcher m = Pattern.compile("\"" + ELEMENT + "\"\\s*:\\s*\"([^\"]+)\"").matcher(found);
            if (!m.find()) {
                throw new IllegalStateException("no element " + css + ": " + found);
            }
            return m.group(1);
        }

        static String script(HttpClient client, String session, String js) throws Exception {
            String body = "{\"script\":\"" + js.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"args\":[]}";
            return send(client, "POST", session + "/execute/sync", body);
        }

        static double number(String answer) {
            Matcher m = Pattern.compile("\"value\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(answer);
            if (!m.find()) {
                throw new IllegalStateException("not a number: " + answer);
            }
            return Double.parseDouble(m.group(1));
        }

        static void waitFor(HttpClient client, String session, String condition) throws Exception {
            long until = System.nanoTime() + 30_000_000_000L;
            while (!script(client, session, condition).contains("\"value\":true")) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("not within 30 s: " + condition);
                }
                sleep(20);
            }
        }
    }

    static final class Ingest {
        static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        static int run(Map<String, String> a) throws Exception {
            String[] urls = arg(a, "urls", null).split(",");
            List<String[]> persons = Tokens.load(arg(a, "tokens", null));
            int batch = intArg(a, "batch", 100);
            int conns = intArg(a, "conns", 8);
            int warmup = intArg(a, "warmup", 20);
            int seconds = intArg(a, "seconds", 60);
            int rate = intArg(a, "rate", 0);
            int sampleEvery = intArg(a, "sample", batch >= 10 || rate > 0 ? 1 : 10);
            String label = arg(a, "label", (batch == 1 ? "ingest, single signals" : "ingest, batches of " + batch)
                    + (rate > 0 ? " at " + rate + " requests/s" : ""));
            String idsFile = a.get("ids");
            boolean keepIds = idsFile != null;
            HttpClient client = http();
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            AtomicLong requestsOk = new AtomicLong();
            AtomicLong signalsOk = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            AtomicLong retries = new AtomicLong();
            AtomicLong refusals = new AtomicLong();
            AtomicLong warmSignals = new AtomicLong();
            Latencies latencies = new Latencies();
            ConcurrentLinkedQueue<long[]> lagSamples = new ConcurrentLinkedQueue<>();
            Set<String> acceptedIds = keepIds ? ConcurrentHashMap.newKeySet() : null;
            Map<String, Long> deadUntil = new ConcurrentHashMap<>();
            AtomicLongArray perNode = new AtomicLongArray(urls.length);

            LagPoller lag = a.containsKey("jdbc") ? new LagPoller(jdbc(a), lagSamples) : null;
            if (lag != null) {
                lag.start();
            }
            BlockingQueue<Long> schedule = new ArrayBlockingQueue<>(100_000);
            Thread dispatcher = rate <= 0 ? null : dispatcher(rate, stop, schedule);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < conns; t++) {
                final int me = t;
                Thread thread = new Thread(() -> {
                    List<String[]> mine = new ArrayList<>();
                    for (int i = me; i < persons.size(); i += conns) {
                        mine.add(persons.get(i));
                    }
                    if (mine.isEmpty()) {
                        mine.add(persons.get(me % persons.size()));
                    }
                    long seq = 0;
                    while (!stop.get()) {
                        long start;
                        if (dispatcher != null) {
                            try {
                                Long released = schedule.poll(100, TimeUnit.MILLISECONDS);
                                if (released == null) {
                                    continue;
                                }
                                start = released;
                            } catch (InterruptedException e) {
                                return;
                            }
                        } else {
                            start = System.nanoTime();
                        }
                        String[] person = mine.get((int) (seq++ % mine.size()));
                        String body = body(batch, person[0], seq);
                        int home = Math.floorMod(person[0].hashCode(), urls.length);
                        boolean sample = seq % sampleEvery == 0;
                        for (int attempt = 0; attempt < 2 * urls.length + 4 && !stop.get(); attempt++) {
                            int node = pickNode(urls, home, attempt, deadUntil);
                            String path = batch == 1 ? "/api/signals" : "/api/signals/batch";
                            try {
                                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(urls[node] + path))
                                        .header("Authorization", "Bearer " + person[1])
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(30))
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 202) {
                                    long end = System.nanoTime();
                                    List<String> ids = ids(r.body());
                                    if (measuring.get()) {
                                        requestsOk.incrementAndGet();
                                        signalsOk.addAndGet(ids.size());
                                        latencies.add((end - start) / 1000);
                                        if (sample && lag != null) {
                                            lagSamples.add(new long[]{end, uuidHi(ids.get(ids.size() - 1)),
                                                    uuidLo(ids.get(ids.size() - 1))});
                                        }
                                    } else {
                                        warmSignals.addAndGet(ids.size());
                                    }
                                    perNode.incrementAndGet(node);
                                    if (keepIds) {
                                        acceptedIds.addAll(ids);
                                    }
                                    break;
                                }
                                if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()) {
                                    // shed while the views are behind (IngestAdmission): wait as told, the
                                    // same body again; the wait counts in this request's latency
                                    if (measuring.get()) {
                                        refusals.incrementAndGet();
                                    }
                                    sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").get().trim()));
                                    attempt--;
                                    continue;
                                }
                                if (r.statusCode() >= 500 || r.statusCode() == 409) {
                                    retries.incrementAndGet();
                                    sleep(20);
                                    continue;
                                }
                                failures.incrementAndGet();
                                System.err.println("  HTTP " + r.statusCode() + ": " + r.body());
                                sleep(100);
                                break;
                            } catch (IOException e) {
                                deadUntil.put(urls[node], System.nanoTime() + 3_000_000_000L);
                                retries.incrementAndGet();
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                }, "ingest-" + t);
                thread.start();
                threads.add(thread);
            }
            out.printf(Locale.ROOT, "  %s: %d connections, %d persons, warm-up %d s, then %d s measured%n",
                    label, conns, persons.size(), warmup, seconds);
            sleep(warmup * 1000L);
            measuring.set(true);
            long t0 = System.nanoTime();
            long total = (long) seconds * 1000;
            Progress progress = new Progress(label + " (seconds)", seconds);
            while (System.nanoTime() - t0 < total * 1_000_000) {
                sleep(1000);
                long secs = (System.nanoTime() - t0) / 1_000_000_000;
                if (secs % 10 == 0) {
                    out.printf(Locale.ROOT, "  %ds / %ds: %,d signals, %,.0f signals/s, %d retries, ETA %ds%n",
                            secs, seconds, signalsOk.get(), signalsOk.get() / Math.max(1e-9, (System.nanoTime() - t0) / 1e9),
                            retries.get(), seconds - secs);
                }
            }
            measuring.set(false);
            double secs = (System.nanoTime() - t0) / 1e9;
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(35_000);
            }
            double signalsPerSec = signalsOk.get() / secs;
            double requestsPerSec = requestsOk.get() / secs;
            if (dispatcher != null) {
                dispatcher.join();
            }
            String how = String.format(Locale.ROOT, "%s, %d persons, real tokens, %d s after %d s warm-up,"
                    + " 202 counted; %d failures, %d retries, %d refused while the views were behind (503, retried after"
                    + " Retry-After)",
                    rate > 0 ? "open loop at " + rate + " requests/s over " + conns + " conns, latency from scheduled start"
                            : conns + " conns", persons.size(), seconds, warmup, failures.get(), retries.get(),
                    refusals.get());
            result(label + ": signals/s", fmt(signalsPerSec), how);
            result(label + ": requests/s", fmt(requestsPerSec), how);
            result(label + ": request latency", latencies.summary(), "HTTP request to 202, client side");
            if (urls.length > 1) {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < urls.length; i++) {
                    s.append(i == 0 ? "" : ", ").append(urls[i]).append(": ").append(perNode.get(i));
                }
                out.println("  requests per node: " + s);
            }
            if (lag != null) {
                long drainStart = System.nanoTime();
                lag.awaitEmpty(60_000);
                lag.stop();
                result(label + ": view lag", lag.latencies.summary() + " (" + lag.latencies.count() + " samples)",
                        "202 to the request's last signal visible in person_signal (JDBC poll every 5 ms)"
                                + String.format(Locale.ROOT, "; drained %.1f s after load", (System.nanoTime() - drainStart) / 1e9));
            }
            if (keepIds) {
                Files.write(Path.of(idsFile), acceptedIds);
                out.printf(Locale.ROOT, "  %,d accepted signal ids written to %s%n", acceptedIds.size(), idsFile);
            }
            return failures.get() == 0 ? 0 : 1;
        }

        static int pickNode(String[] urls, int home, int attempt, Map<String, Long> deadUntil) {
            long now = System.nanoTime();
            for (int i = 0; i < urls.length; i++) {
                int node = (home + attempt + i) % urls.length;
                Long until = deadUntil.get(urls[node]);
                if (until == null || until < now) {
                    return node;
                }
            }
            sleep(200);
            return (home + attempt) % urls.length;
        }

        static String body(int batch, String person, long seq) {
            StringBuilder b = new StringBuilder(batch * 160);
            String now = Instant.now().minusSeconds(60).toString();
            if (batch > 1) {
                b.append('[');
            }
            for (int i = 0; i < batch; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append("{\"source\":\"mood\",\"type\":\"checkin\",\"occurredAt\":\"").append(now)
                        .append("\",\"payload\":{\"score\":").append(1 + (i + seq) % 5)
                        .append(",\"note\":\"bench\"},\"clientId\":\"").append(UUID.randomUUID()).append("\"}");
            }
            if (batch > 1) {
                b.append(']');
            }
            return b.toString();
        }

        static List<String> ids(String body) {
            List<String> ids = new ArrayList<>();
            Matcher m = UUIDS.matcher(body);
            while (m.find()) {
                ids.add(m.group());
            }
            return ids;
        }

        static long uuidHi(String s) {
            return UUID.fromString(s).getMostSignificantBits();
        }

        static long uuidLo(String s) {
            return UUID.fromString(s).getLeastSignificantBits();
        }
    }

    /** Polls person_signal for sampled signal ids and records how long after their 202 they appeared. */
    static final class LagPoller {
        final Connection db;
        final ConcurrentLinkedQueue<long[]> incoming;
        final Map<UUID, Long> pending = new ConcurrentHashMap<>();
        final Latencies latencies = new Latencies();
        /** The samples seen since the last {@link #window()}: the soak prints view lag per interval. */
        volatile Latencies recent = new Latencies();
        volatile boolean running = true;
        Thread thread;

        LagPoller(Connection db, ConcurrentLinkedQueue<long[]> incoming) {
            this.db = db;
            this.incoming = incoming;
        }

        void start() {
            thread = new Thread(() -> {
                try (PreparedStatement ps = db.prepareStatement(
                        "select signal_id from person_signal where signal_id = any(?)")) {
                    while (running) {
                        long[] s;
                        while ((s = incoming.poll()) != null) {
                            pending.put(new UUID(s[1], s[2]), s[0]);
                        }
                        if (!pending.isEmpty()) {
                            Array ids = db.createArrayOf("uuid", pending.keySet().toArray());
                            ps.setArray(1, ids);
                            long seen = System.nanoTime();
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    Long at = pending.remove((UUID) rs.getObject(1));
                                    if (at != null) {
                                        latencies.add(Math.max(0, (seen - at) / 1000));
                                        recent.add(Math.max(0, (seen - at) / 1000));
                                    }
                                }
                            }
                        }
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    if (running) {
                        e.printStackTrace();
                    }
                }
            }, "lag-poller");
            thread.start();
        }

        void awaitEmpty(long millis) {
            long until = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < until && (!incoming.isEmpty() || !pendingEmpty())) {
                sleep(50);
            }
        }

        boolean pendingEmpty() {
            return pending.isEmpty();
        }

        Latencies window() {
            Latencies w = recent;
            recent = new Latencies();
            return w;
        }

        /** How long the oldest accepted signal not yet in the view has been waiting, in seconds. */
        double oldestPendingSeconds() {
            long now = System.nanoTime();
            return pending.values().stream().mapToLong(at -> now - at).max().orElse(0) / 1e9;
        }

        void stop() throws Exception {
            running = false;
            thread.join(5000);
            db.close();
        }
    }

    // ------------------------------------------------------------------------------------------
    /**
     * The ceiling: what ingestion writes per signal (one domainevententry row with the same
     * payload bytes, one person_signal row), inserted raw in JDBC batches with
     * reWriteBatchedInserts, one transaction per batch, into scratch copies of both tables.
     */
    static final class Raw {
        static int run(Map<String, String> a) throws Exception {
            long rows = Long.parseLong(arg(a, "rows", "500000"));
            int batch = intArg(a, "batch", 100);
            int threads = intArg(a, "threads", 8);
            String label = arg(a, "label", "raw JDBC ceiling");
            byte[] payload;
            byte[] metadata;
            try (Connection c = jdbc(a); Statement s = c.createStatement()) {
                s.execute("drop table if exists bench_raw_event, bench_raw_signal");
                s.execute("create table bench_raw_event (globalindex bigserial primary key, aggregateidentifier varchar(255) not null,"
                        + " sequencenumber bigint not null, type varchar(255), eventidentifier varchar(255) not null unique,"
                        + " metadata bytea, payload bytea not null, payloadrevision varchar(255), payloadtype varchar(255) not null,"
                        + " timestamp varchar(255) not null, unique (aggregateidentifier, sequencenumber))");
                s.execute("create table bench_raw_signal (like person_signal including all)");
                try (ResultSet rs = s.executeQuery("select payload, metadata from domainevententry"
                        + " where payloadtype like '%SignalRecordedEvent' order by globalindex desc limit 1")) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no recorded signal to copy the payload from");
                    }
                    payload = rs.getBytes(1);
                    metadata = rs.getBytes(2);
                }
            }
            AtomicLong done = new AtomicLong();
            Progress progress = new Progress(label + " rows", rows);
            long t0 = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    try (Connection c = jdbc(a)) {
                        c.setAutoCommit(false);
                        PreparedStatement ev = c.prepareStatement("insert into bench_raw_event (aggregateidentifier,"
                                + " sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype,"
                                + " timestamp) values (?,?,?,?,?,?,?,?,?)");
                        PreparedStatement sig = c.prepareStatement("insert into bench_raw_signal (signal_id, person_id,"
                                + " source, type, value, occurred_at, recorded_at) values (?,?,?,?,?,?,?)"
                                + " on conflict do nothing");
                        String aggregate = UUID.randomUUID().toString();
                        UUID person = UUID.fromString(aggregate);
                        long seq = 0;
                        java.sql.Timestamp ts = java.sql.Timestamp.from(Instant.now());
                        while (done.get() < rows) {
                            for (int i = 0; i < batch; i++) {
                                ev.setString(1, aggregate);
                                ev.setLong(2, seq++);
                                ev.setString(3, "Person");
                                ev.setString(4, UUID.randomUUID().toString());
                                ev.setBytes(5, metadata);
                                ev.setBytes(6, payload);
                                ev.setString(7, null);
                                ev.setString(8, "app.oo.domain.signal.SignalRecordedEvent");
                                ev.setString(9, ts.toInstant().toString());
                                ev.addBatch();
                                sig.setObject(1, UUID.randomUUID());
                                sig.setObject(2, person);
                                sig.setString(3, "mood");
                                sig.setString(4, "checkin");
                                sig.setDouble(5, 3.0);
                                sig.setTimestamp(6, ts);
                                sig.setTimestamp(7, ts);
                                sig.addBatch();
                            }
                            ev.executeBatch();
                            sig.executeBatch();
                            c.commit();
                            progress.maybePrint(done.addAndGet(batch));
                        }
                    } catch (SQLException e) {
                        throw new RuntimeException(e);
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            try (Connection c = jdbc(a); Statement s = c.createStatement()) {
                s.execute("drop table bench_raw_event, bench_raw_signal");
            }
            result(label + ": signals/s", fmt(done.get() / secs), String.format(Locale.ROOT,
                    "%,d x (1 event row + 1 view row), JDBC batches of %d, reWriteBatchedInserts, %d threads,"
                            + " 1 commit per batch", done.get(), batch, threads));
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------
    /**
     * POST /recommend. Closed loop (rate=0: conns threads as fast as answered) or open loop at a
     * fixed rate, latency measured from the request's scheduled start (no coordinated omission).
     */
    static final class Recommend {
        static int run(Map<String, String> a) throws Exception {
            String url = arg(a, "url", null);
            List<String[]> persons = Tokens.load(arg(a, "tokens", null));
            int rate = intArg(a, "rate", 0);
            int conns = intArg(a, "conns", rate > 0 ? 32 : 8);
            int warmup = intArg(a, "warmup", 20);
            int seconds = intArg(a, "seconds", 45);
            String label = arg(a, "label", "recommend");
            HttpClient client = http();
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Map<String, AtomicLong> policies = new ConcurrentHashMap<>();
            Latencies latencies = new Latencies();
            BlockingQueue<Long> schedule = new ArrayBlockingQueue<>(100_000);
            AtomicLong next = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < conns; t++) {
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        long intended;
                        try {
                            if (rate > 0) {
                                Long s = schedule.poll(100, TimeUnit.MILLISECONDS);
                                if (s == null) {
                                    continue;
                                }
                                intended = s;
                            } else {
                                intended = System.nanoTime();
                            }
                            String[] person = persons.get((int) (next.getAndIncrement() % persons.size()));
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/recommend"))
                                    .header("Authorization", "Bearer " + person[1])
                                    .timeout(Duration.ofSeconds(15))
                                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                            long end = System.nanoTime();
                            if (!measuring.get()) {
                                continue;
                            }
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                                latencies.add((end - intended) / 1000);
                                Matcher m = Pattern.compile("\"policy\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
                                policies.computeIfAbsent(m.find() ? m.group(1) : "?", k -> new AtomicLong()).incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                if (failed.get() < 5) {
                                    System.err.println("  HTTP " + r.statusCode() + ": " + r.body());
                                }
                            }
                        } catch (IOException e) {
                            if (measuring.get() && failed.incrementAndGet() < 5) {
                                System.err.println("  " + e);
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "recommend-" + t);
                thread.start();
                threads.add(thread);
            }
            Thread dispatcher = rate > 0 ? dispatcher(rate, stop, schedule) : null;
            out.printf(Locale.ROOT, "  %s: %s, %d persons, warm-up %d s, then %d s measured%n", label,
                    rate > 0 ? rate + " requests/s open loop over " + conns + " connections" : conns + " connections closed loop",
                    persons.size(), warmup, seconds);
            long appPid = Long.parseLong(arg(a, "pid", "0"));
            sleep(warmup * 1000L);
            double cpu0 = cpuSeconds(appPid);
            measuring.set(true);
            long t0 = System.nanoTime();
            for (int s = 1; s <= seconds; s++) {
                sleep(1000);
                if (s % 10 == 0) {
                    out.printf(Locale.ROOT, "  %ds / %ds: %,d answered, %,.0f/s, %d failed, ETA %ds%n", s, seconds,
                            ok.get(), ok.get() / ((System.nanoTime() - t0) / 1e9), failed.get(), seconds - s);
                }
            }
            measuring.set(false);
            double cpu = cpuSeconds(appPid) - cpu0;
            double secs = (System.nanoTime() - t0) / 1e9;
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(20_000);
            }
            if (dispatcher != null) {
                dispatcher.join();
            }
            String how = (rate > 0 ? "open loop at " + rate + "/s, latency from scheduled start" : conns
                    + " conns closed loop") + String.format(Locale.ROOT, ", %d persons, %d s after %d s warm-up,"
                    + " %d failed; policies %s", persons.size(), seconds, warmup, failed.get(), policies);
            result(label + ": latency", latencies.summary(), how);
            result(label + ": throughput", fmt(ok.get() / secs) + " requests/s", how);
            if (appPid > 0 && cpu > 0) {
                result(label + ": requests per app CPU-second", fmt(ok.get() / cpu), String.format(Locale.ROOT,
                        "answered requests over the app JVM's user+system CPU time in the window (%.1f s of CPU in"
                        + " %.0f s: %.2f cores)", cpu, secs, cpu / secs));
            }
            return 0;
        }
    }

    /** User + system CPU seconds a process has used (/proc/PID/stat, clock ticks of 100 Hz); 0 without a pid. */
    static double cpuSeconds(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------
    /**
     * Brings the event store to total events by cloning recorded signals: each clone gets a new
     * event id, signal id and (per 1,000 events) a new person id and stream, so every clone is a
     * distinct row for every projection. Payload bytes are the app's own serialization.
     */
    static final class TopUp {
        static int run(Map<String, String> a) throws Exception {
            long total = Long.parseLong(arg(a, "total", "1000000"));
            int threads = intArg(a, "threads", 2);
            List<String[]> templates = new ArrayList<>();
            long have;
            try (Connection c = jdbc(a); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select count(*) from domainevententry")) {
                    rs.next();
                    have = rs.getLong(1);
                }
                try (ResultSet rs = s.executeQuery("select aggregateidentifier, convert_from(payload, 'UTF8'),"
                        + " convert_from(metadata, 'UTF8'), payloadrevision, type from domainevententry"
                        + " where payloadtype = 'app.oo.domain.signal.SignalRecordedEvent'"
                        // an erased person's signals are sealed under a shredded key: not a template
                        + " and aggregateidentifier not in (select person_id::text from erased_person) limit 1000")) {
                    while (rs.next()) {
                        templates.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)});
                    }
                }
            }
            long missing = total - have;
            if (missing <= 0) {
                out.printf(Locale.ROOT, "  the store holds %,d events already%n", have);
                return 0;
            }
            if (templates.isEmpty()) {
                throw new IllegalStateException("no recorded signal to clone");
            }
            Pattern signalId = Pattern.compile("\"signalId\"\\s*:\\s*\"[^\"]+\"");
            Pattern clientId = Pattern.compile("\"clientId\"\\s*:\\s*\"[^\"]+\"");
            AtomicLong done = new AtomicLong();
            Progress progress = new Progress("events cloned into the store", missing);
            long t0 = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    try (Connection c = jdbc(a)) {
                        c.setAutoCommit(false);
                        PreparedStatement ps = c.prepareStatement("insert into domainevententry (aggregateidentifier,"
                                + " sequencenumber, type, eventidentifier, metadata, payload, payloadrevision,"
                                + " payloadtype, timestamp) values (?,?,?,?,?,?,?,?,?)");
                        int k = 0;
                        while (true) {
                            long start = done.getAndAdd(1000);
                            if (start >= missing) {
                                break;
                            }
                            int n = (int) Math.min(1000, missing - start);
                            String person = UUID.randomUUID().toString();
                            String ts = Instant.now().toString();
                            for (int i = 0; i < n; i++) {
                                String[] tpl = templates.get(k++ % templates.size());
                                String payload = tpl[1].replace(tpl[0], person);
                                payload = signalId.matcher(payload).replaceFirst("\"signalId\":\"" + UUID.randomUUID() + "\"");
                                payload = clientId.matcher(payload).replaceFirst("\"clientId\":\"" + UUID.randomUUID() + "\"");
                                ps.setString(1, person);
                                ps.setLong(2, i);
                                ps.setString(3, tpl[4]);
                                ps.setString(4, UUID.randomUUID().toString());
                                ps.setBytes(5, tpl[2] == null ? null : tpl[2].getBytes(StandardCharsets.UTF_8));
                                ps.setBytes(6, payload.getBytes(StandardCharsets.UTF_8));
                                ps.setString(7, tpl[3]);
                                ps.setString(8, "app.oo.domain.signal.SignalRecordedEvent");
                                ps.setString(9, ts);
                                ps.addBatch();
                            }
                            ps.executeBatch();
                            c.commit();
                            progress.maybePrint(Math.min(done.get(), missing));
                        }
                    } catch (SQLException e) {
                        throw new RuntimeException(e);
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            try (Connection c = jdbc(a); Statement s = c.createStatement()) {
                s.execute("vacuum analyze domainevententry");
            }
            out.printf(Locale.ROOT, "  %,d events cloned in %.1f s (%,.0f/s); the store now holds %,d%n", missing, secs,
                    missing / secs, total);
            result("store top-up, raw JDBC batches of 1000", fmt(missing / secs) + " events/s",
                    String.format(Locale.ROOT, "%,d cloned SignalRecordedEvent rows (fresh ids) to reach %,d events", missing, total));
            return 0;
        }
    }

    /** The floor of any replay: read every event row in order, as a tracking processor would. */
    static final class SeqRead {
        static int run(Map<String, String> a) throws Exception {
            try (Connection c = jdbc(a)) {
                c.setAutoCommit(false);
                long t0 = System.nanoTime();
                long n = 0;
                long bytes = 0;
                try (PreparedStatement ps = c.prepareStatement("select globalindex, aggregateidentifier, sequencenumber,"
                        + " type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp"
                        + " from domainevententry order by globalindex")) {
                    ps.setFetchSize(5000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                            bytes += rs.getBytes(7).length;
                        }
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                result("raw sequential read of domainevententry", fmt(n / secs) + " events/s",
                        String.format(Locale.ROOT, "%,d rows, every column, fetch size 5000, %.1f s, %,d payload MB",
                                n, secs, bytes >> 20));
            }
            return 0;
        }
    }

    /** Waits until every segment of processor has reached the head of the store; prints the rate. */
    static final class ReplayWatch {
        static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

        static int run(Map<String, String> a) throws Exception {
            String processor = arg(a, "processor", null);
            int timeout = intArg(a, "timeout", 300);
            String label = arg(a, "label", "replay of " + processor);
            try (Connection c = jdbc(a)) {
                long head;
                long min;
                long events;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "select max(globalindex), min(globalindex), count(*) from domainevententry")) {
                    rs.next();
                    head = rs.getLong(1);
                    min = rs.getLong(2);
                    events = rs.getLong(3);
                }
                Progress progress = new Progress(label + " (events)", events);
                long t0 = 0;
                long deadline = System.nanoTime() + timeout * 1_000_000_000L;
                while (System.nanoTime() < deadline) {
                    long position = position(c, processor);
                    if (position >= 0 && t0 == 0) {
                        t0 = System.nanoTime();
                    }
                    if (t0 != 0) {
                        long done = Math.max(0, position - min + 1);
                        progress.maybePrint(Math.min(done, events));
                        if (position >= head) {
                            double secs = (System.nanoTime() - t0) / 1e9;
                            result(label, fmt(events / secs) + " events/s", String.format(Locale.ROOT,
                                    "%,d events in %.1f s, from the first token claim to every segment at the head",
                                    events, secs));
                            return 0;
                        }
                    }
                    sleep(250);
                }
                result(label, "timed out", "not at the head after " + timeout + " s");
                return 1;
            }
        }

        /** The lowest index over the processor's segments; -1 while no segment holds a token. */
        static long position(Connection c, String processor) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "select convert_from(token, 'UTF8') from tokenentry where processorname = ?")) {
                ps.setString(1, processor);
                long lowest = Long.MAX_VALUE;
                boolean any = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String token = rs.getString(1);
                        if (token == null) {
                            return -1;
                        }
                        Matcher m = INDEX.matcher(token);
                        if (!m.find()) {
                            return -1;
                        }
                        any = true;
                        lowest = Math.min(lowest, Long.parseLong(m.group(1)));
                    }
                }
                return any ? lowest : -1;
            }
        }
    }

    /** Which node holds which segment of which processor. */
    static final class Owners {
        static int run(Map<String, String> a) throws Exception {
            try (Connection c = jdbc(a); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select processorname, segment, coalesce(owner, '-'), convert_from(token, 'UTF8')"
                            + " from tokenentry order by processorname, segment")) {
                Map<String, Integer> perOwner = new LinkedHashMap<>();
                out.println("  processor            segment  owner              token");
                while (rs.next()) {
                    out.printf(Locale.ROOT, "  %-20s %7d  %-18s %s%n", rs.getString(1), rs.getInt(2), rs.getString(3),
                            rs.getString(4) == null ? "" : rs.getString(4).replaceAll("\\s+", ""));
                    perOwner.merge(rs.getString(3), 1, Integer::sum);
                }
                out.println("  segments per owner: " + perOwner);
                if (a.containsKey("min-owners") && perOwner.keySet().stream().filter(o -> !o.equals("-")).count()
                        < Integer.parseInt(a.get("min-owners"))) {
                    out.println("  FAIL: fewer than " + a.get("min-owners") + " nodes own segments");
                    return 1;
                }
            }
            return 0;
        }
    }

    /**
     * Every accepted signal id is in the event store and in person_signal, and none is in the
     * store twice (neither its signal id nor its client id).
     */
    static final class Verify {
        static int run(Map<String, String> a) throws Exception {
            List<String> ids = Files.readAllLines(Path.of(arg(a, "ids", null)));
            ids.removeIf(String::isBlank);
            int waitFor = intArg(a, "wait", 120);
            try (Connection c = jdbc(a); Statement s = c.createStatement()) {
                s.execute("create temp table accepted (signal_id uuid primary key)");
                try (PreparedStatement ps = c.prepareStatement("insert into accepted values (?) on conflict do nothing")) {
                    int n = 0;
                    for (String id : ids) {
                        ps.setObject(1, UUID.fromString(id));
                        ps.addBatch();
                        if (++n % 1000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                s.execute("create temp table stored as select (convert_from(payload, 'UTF8')::jsonb ->> 'signalId')::uuid"
                        + " as signal_id, convert_from(payload, 'UTF8')::jsonb ->> 'clientId' as client_id"
                        + " from domainevententry where payloadtype = 'app.oo.domain.signal.SignalRecordedEvent'");
                long inStore = count(s, "select count(*) from accepted a where exists (select 1 from stored s where s.signal_id = a.signal_id)");
                long twiceById = count(s, "select count(*) from (select signal_id from stored group by signal_id having count(*) > 1) d");
                long twiceByClient = count(s, "select count(*) from (select client_id from stored where client_id is not null"
                        + " group by client_id having count(*) > 1) d");
                long inView = 0;
                long until = System.currentTimeMillis() + waitFor * 1000L;
                do {
                    inView = count(s, "select count(*) from accepted a join person_signal p using (signal_id)");
                    if (inView == ids.size()) {
                        break;
                    }
                    out.printf(Locale.ROOT, "  waiting for the view: %,d of %,d accepted ids visible%n", inView, ids.size());
                    sleep(2000);
                } while (System.currentTimeMillis() < until);
                boolean pass = inStore == ids.size() && inView == ids.size() && twiceById == 0 && twiceByClient == 0;
                out.printf(Locale.ROOT, "  accepted %,d; in the event store %,d; in person_signal %,d; stored twice:"
                        + " %d by signal id, %d by client id%n", ids.size(), inStore, inView, twiceById, twiceByClient);
                out.println(pass ? "  PASS: every accepted signal is stored once and visible"
                        : "  FAIL: accepted signals lost or duplicated");
                return pass ? 0 : 1;
            }
        }

        static long count(Statement s, String sql) throws SQLException {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static final class Admin {
        static int createDb(Map<String, String> a) throws Exception {
            String url = arg(a, "jdbc", null);
            int slash = url.lastIndexOf('/');
            String name = url.substring(slash + 1).replaceAll("\\?.*", "");
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("unexpected database name " + name);
            }
            Map<String, String> admin = new HashMap<>(a);
            admin.put("jdbc", url.substring(0, slash + 1) + "postgres");
            try (Connection c = jdbc(admin); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
                s.execute("create database " + name);
            }
            out.println("  fresh database " + name);
            return 0;
        }

        static int drain(Map<String, String> a) throws Exception {
            String label = arg(a, "label", "view drained");
            long t0 = System.nanoTime();
            try (Connection c = jdbc(a); Statement s = c.createStatement()) {
                long events = Verify.count(s, "select count(*) from domainevententry"
                        + " where payloadtype = 'app.oo.domain.signal.SignalRecordedEvent'");
                long deadline = t0 + intArg(a, "timeout", 300) * 1_000_000_000L;
                Progress progress = new Progress("rows in person_signal", events);
                while (System.nanoTime() < deadline) {
                    long rows = Verify.count(s, "select count(*) from person_signal");
                    if (rows >= events) {
                        result(label, String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9),
                                String.format(Locale.ROOT, "from the end of the load until person_signal held all %,d"
                                        + " recorded signals", events));
                        return 0;
                    }
                    progress.maybePrint(rows);
                    sleep(100);
                }
            }
            result(label, "timed out", "person_signal behind the store after the time limit");
            return 1;
        }

        /** After a raw top-up with no node running: every processor continues from the head. */
        static int heads(Map<String, String> a) throws Exception {
            try (Connection c = jdbc(a); Statement s = c.createStatement()) {
                long head = Verify.count(s, "select max(globalindex) from domainevententry");
                try (PreparedStatement ps = c.prepareStatement("update tokenentry set token = ?, owner = null"
                        + " where token is not null")) {
                    ps.setBytes(1, ("{\"index\":" + head + ",\"gaps\":[]}").getBytes(StandardCharsets.UTF_8));
                    out.printf(Locale.ROOT, "  %d processor segments set to the head (%d)%n", ps.executeUpdate(), head);
                }
            }
            return 0;
        }

        /**
         * With the app stopped: the processor's tokens go, its table is emptied (its next start
         * replays from the first event); every other processor's tokens move to the head so that
         * the replay runs alone.
         */
        static int resetProcessor(Map<String, String> a) throws Exception {
            String processor = arg(a, "processor", null);
            String table = arg(a, "table", null);
            try (Connection c = jdbc(a); Statement s = c.createStatement()) {
                long head = Verify.count(s, "select max(globalindex) from domainevententry");
                try (PreparedStatement ps = c.prepareStatement("delete from tokenentry where processorname = ?")) {
                    ps.setString(1, processor);
                    ps.executeUpdate();
                }
                s.execute("truncate " + table.replaceAll("[^a-z_]", ""));
                try (PreparedStatement ps = c.prepareStatement("update tokenentry set token = ?, owner = null"
                        + " where processorname <> ?")) {
                    ps.setBytes(1, ("{\"index\":" + head + ",\"gaps\":[]}").getBytes(StandardCharsets.UTF_8));
                    ps.setString(2, processor);
                    ps.executeUpdate();
                }
                out.printf(Locale.ROOT, "  %s reset to replay %,d events; other processors at the head (%d)%n",
                        processor, Verify.count(s, "select count(*) from domainevententry"), head);
            }
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------
    /**
     * The soak: POST /api/signals/batch at a steady rate (open loop: a request is due every
     * 1/rate seconds whatever the app's pace, so a slowing app shows as a backlog, not as a lower
     * rate) for minutes, and every interval one line: progress (done, total, rate, ETA), errors,
     * the app's heap after a full GC (jcmd GC.run, then jstat -gc: every used space summed) and the
     * view lag (202 to visible in person_signal) of that interval. Passes when nothing failed, the
     * heap after GC stayed under the stated bound, and the view drained within a minute of the end.
     */
    static final class Soak {

        static int run(Map<String, String> a) throws Exception {
            String url = arg(a, "url", null);
            List<String[]> persons = Tokens.load(arg(a, "tokens", null));
            double rate = Double.parseDouble(arg(a, "rate", "50"));
            int batch = intArg(a, "batch", 10);
            double minutes = Double.parseDouble(arg(a, "minutes", "10"));
            int conns = intArg(a, "conns", 16);
            int interval = intArg(a, "interval", 30);
            long heapBoundMb = intArg(a, "heap-bound-mb", 400);
            String pid = arg(a, "pid", null);
            double requestsPerSecond = rate / batch;
            long totalRequests = Math.round(requestsPerSecond * minutes * 60);
            HttpClient client = http();
            AtomicLong signalsOk = new AtomicLong();
            AtomicLong requestsDone = new AtomicLong();
            Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<long[]> lagSamples = new ConcurrentLinkedQueue<>();
            LagPoller lag = new LagPoller(jdbc(a), lagSamples);
            lag.start();
            BlockingQueue<Long> due = new ArrayBlockingQueue<>(100_000);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < conns; t++) {
                final int me = t;
                Thread worker = new Thread(() -> {
                    long seq = me;
                    while (!stop.get() || !due.isEmpty()) {
                        Long ticket;
                        try {
                            ticket = due.poll(200, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (ticket == null) {
                            continue;
                        }
                        String[] person = persons.get((int) (seq++ % persons.size()));
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/signals/batch"))
                                    .header("Authorization", "Bearer " + person[1])
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(Ingest.body(batch, person[0], seq))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 202) {
                                List<String> ids = Ingest.ids(r.body());
                                signalsOk.addAndGet(ids.size());
                                String last = ids.get(ids.size() - 1);
                                lagSamples.add(new long[]{System.nanoTime(), Ingest.uuidHi(last), Ingest.uuidLo(last)});
                            } else {
                                errors.computeIfAbsent("HTTP " + r.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        } catch (InterruptedException e) {
                            return;
                        }
                        requestsDone.incrementAndGet();
                    }
                }, "soak-" + t);
                worker.start();
                workers.add(worker);
            }
            out.printf(Locale.ROOT, "  soak: %.0f signals/s (%.1f requests/s of %d signals) for %.1f min against %s, "
                    + "%d persons, %d connections; heap bound %d MB%n", rate, requestsPerSecond, batch, minutes, url,
                    persons.size(), conns, heapBoundMb);
            out.println("  elapsed | requests done / total | signals/s | backlog | errors | heap after GC | view lag p50 / p99 / max (oldest unseen)");
            long t0 = System.nanoTime();
            long nextReport = t0 + interval * 1_000_000_000L;
            long maxHeapMb = 0;
            List<Long> heapSeries = new ArrayList<>();
            for (long issued = 0; issued < totalRequests; issued++) {
                long at = t0 + (long) (issued * 1e9 / requestsPerSecond);
                long now;
                while ((now = System.nanoTime()) < at) {
                    sleep(Math.max(1, Math.min(50, (at - now) / 1_000_000)));
                    if (System.nanoTime() >= nextReport) {
                        long heap = report(t0, requestsDone.get(), totalRequests, signalsOk.get(), due.size(), errors,
                                heapAfterGcMb(pid), lag);
                        heapSeries.add(heap);
                        maxHeapMb = Math.max(maxHeapMb, heap);
                        nextReport += interval * 1_000_000_000L;
                    }
                }
                if (!due.offer(at)) {
                    errors.computeIfAbsent("backlog full", k -> new AtomicLong()).incrementAndGet();
                }
            }
            stop.set(true);
            for (Thread worker : workers) {
                worker.join(60_000);
            }
            long heap = report(t0, requestsDone.get(), totalRequests, signalsOk.get(), due.size(), errors,
                    heapAfterGcMb(pid), lag);
            heapSeries.add(heap);
            maxHeapMb = Math.max(maxHeapMb, heap);
            long drainStart = System.nanoTime();
            lag.awaitEmpty(60_000);
            boolean drained = lag.pendingEmpty() && lagSamples.isEmpty();
            double drainSecs = (System.nanoTime() - drainStart) / 1e9;
            lag.stop();
            long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
            double secs = (System.nanoTime() - t0) / 1e9;
            String how = String.format(Locale.ROOT, "open loop %.0f signals/s in batches of %d, %.1f min, %d persons",
                    rate, batch, minutes, persons.size());
            result("soak: signals accepted", String.format(Locale.ROOT, "%,d (%.0f/s)", signalsOk.get(),
                    signalsOk.get() / secs), how);
            result("soak: errors", errorCount + (errors.isEmpty() ? "" : " " + errors), how);
            result("soak: heap after GC", String.format(Locale.ROOT, "first %d MB, last %d MB, max %d MB (bound %d MB)",
                    heapSeries.get(0), heapSeries.get(heapSeries.size() - 1), maxHeapMb, heapBoundMb),
                    "jcmd GC.run then jstat -gc, every " + interval + " s");
            result("soak: view lag", lag.latencies.summary() + " (" + lag.latencies.count() + " samples)",
                    String.format(Locale.ROOT, "202 to visible in person_signal; %s %.1f s after the load",
                            drained ? "drained" : "NOT drained", drainSecs));
            boolean pass = errorCount == 0 && maxHeapMb <= heapBoundMb && drained;
            out.println(pass ? "  soak: PASS" : "  soak: FAIL (errors, heap over its bound, or the view did not drain)");
            return pass ? 0 : 1;
        }

        static long report(long t0, long done, long total, long signals, int backlog, Map<String, AtomicLong> errors,
                           long heapMb, LagPoller lag) {
            double secs = (System.nanoTime() - t0) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
            Latencies window = lag.window();
            out.printf(Locale.ROOT, "  %5.0fs | %,d / %,d (ETA %.0fs) | %,.0f | %d | %d | %s | %s (%.1f s)%n", secs, done,
                    total, rate > 0 ? (total - done) / rate : 0, signals / Math.max(secs, 1e-9), backlog, errorCount,
                    heapMb < 0 ? "n/a" : heapMb + " MB",
                    window.count() == 0 ? "no samples"
                            : String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", window.pctMs(50), window.pctMs(99),
                            window.pctMs(100)),
                    lag.oldestPendingSeconds());
            return heapMb;
        }

        /** A full GC in the app, then the used heap: what stays alive. -1 without a pid. */
        static long heapAfterGcMb(String pid) {
            if (pid == null || pid.isBlank()) {
                return -1;
            }
            try {
                Path bin = Path.of(System.getProperty("java.home"), "bin");
                exec(bin.resolve("jcmd").toString(), pid, "GC.run");
                List<String> lines = exec(bin.resolve("jstat").toString(), "-gc", pid);
                String[] header = lines.get(0).trim().split("\\s+");
                String[] values = lines.get(1).trim().split("\\s+");
                double usedKb = 0;
                for (int i = 0; i < header.length; i++) {
                    if (List.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                        usedKb += Double.parseDouble(values[i]);
                    }
                }
                return Math.round(usedKb / 1024);
            } catch (Exception e) {
                System.err.println("  heap not read: " + e.getMessage());
                return -1;
            }
        }

        static List<String> exec(String... command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + String.join(" ", lines));
            }
            return lines;
        }
    }

    // ------------------------------------------------------------------------------------------
    /**
     * One person records signals (batches of 100, through the API), waits until the feature view
     * holds them, then asks for erasure: the figure is the time from {@code DELETE /api/me} to the
     * {@code PersonErasedEvent} in the store, with each step's evidence time after the request.
     */
    static final class Erasure {
        static int run(Map<String, String> a) throws Exception {
            String url = arg(a, "url", null);
            List<String> lines = Files.readAllLines(Path.of(arg(a, "tokens", null)));
            String[] person = lines.get(intArg(a, "line", 0)).split(" ");
            int signals = intArg(a, "signals", 2000);
            String label = arg(a, "label", "erasure, DELETE /api/me to PersonErasedEvent");
            HttpClient client = http();
            Progress progress = new Progress("signals recorded for the person to erase", signals);
            for (int sent = 0; sent < signals; sent += 100) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/signals/batch"))
                        .header("Authorization", "Bearer " + person[1]).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(Ingest.body(Math.min(100, signals - sent), person[0],
                                sent))).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("signals refused: HTTP " + r.statusCode() + " " + r.body());
                }
                progress.maybePrint(sent);
            }
            try (Connection c = jdbc(a)) {
                long deadline = System.nanoTime() + 600_000_000_000L;
                long inView;
                while ((inView = count(c, "select count(*) from person_signal where person_id = ?::uuid", person[0]))
                        < signals && System.nanoTime() < deadline) {
                    sleep(200);
                }
                long events = count(c, "select count(*) from domainevententry", null);
                long t0 = System.nanoTime();
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/me"))
                        .header("Authorization", "Bearer " + person[1]).timeout(Duration.ofSeconds(60))
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                long accepted = System.nanoTime();
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("erasure refused: HTTP " + r.statusCode() + " " + r.body());
                }
                Instant requested = Instant.now().minusNanos(accepted - t0);
                deadline = System.nanoTime() + 120_000_000_000L;
                while (count(c, "select count(*) from domainevententry where aggregateidentifier = ?"
                        + " and payloadtype = 'app.oo.domain.erasure.PersonErasedEvent'", person[0]) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no PersonErasedEvent within 120 s");
                    }
                    sleep(5);
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                StringBuilder steps = new StringBuilder();
                try (PreparedStatement ps = c.prepareStatement("select convert_from(payload, 'UTF8'), timestamp"
                        + " from domainevententry where aggregateidentifier = ? and payloadtype ="
                        + " 'app.oo.domain.erasure.ErasureStepRecordedEvent' order by globalindex")) {
                    ps.setString(1, person[0]);
                    try (ResultSet rs = ps.executeQuery()) {
                        Pattern step = Pattern.compile("\"step\"\\s*:\\s*\"([^\"]+)\"");
                        while (rs.next()) {
                            Matcher m = step.matcher(rs.getString(1));
                            long after = Duration.between(requested, Instant.parse(rs.getString(2))).toMillis();
                            steps.append(steps.length() == 0 ? "" : ", ").append(m.find() ? m.group(1) : "?")
                                    .append(" +").append(after).append(" ms");
                        }
                    }
                }
                result(label, String.format(Locale.ROOT, "%.0f ms", ms), String.format(Locale.ROOT,
                        "a person with %,d signals (%,d in the view) in a store of %,d events; HTTP 202 after %.0f ms;"
                                + " steps: %s", signals, inView, events, (accepted - t0) / 1e6, steps));
            }
            return 0;
        }

        static long count(Connection c, String sql, String param) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (param != null) {
                    ps.setString(1, param);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    /**
     * A projection rebuild through the admin API (the path analysts and infra/bin/oo-admin use):
     * prints done/total/rate/ETA while it runs, then the wall-clock rate and the CPU-normalised one
     * (events per CPU-second of the app's JVM, from its process CPU time), which other work on a
     * shared machine skews far less, beside the raw sequential read rate when given.
     */
    static final class Rebuild {
        static int run(Map<String, String> a) throws Exception {
            String url = arg(a, "url", null);
            String token = arg(a, "token", null);
            String projection = arg(a, "projection", "person-features");
            ProcessHandle node = ProcessHandle.of(Long.parseLong(arg(a, "pid", null)))
                    .orElseThrow(() -> new IllegalStateException("no app process " + a.get("pid")));
            String label = arg(a, "label", "rebuild of " + projection + " through the admin API");
            HttpClient client = http();
            long cpu0 = cpuNanos(node);
            long wall0 = System.nanoTime();
            HttpResponse<String> started = client.send(HttpRequest.newBuilder(
                            URI.create(url + "/admin/api/projections/" + projection + "/rebuilds"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(arg(a, "body", "{}"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("rebuild refused: HTTP " + started.statusCode() + " " + started.body());
            }
            String id = field(started.body(), "rebuildId");
            String state;
            String view;
            long lastPrint = 0;
            while (true) {
                view = client.send(HttpRequest.newBuilder(URI.create(url + "/admin/api/projections/" + projection
                                + "/rebuilds/" + id)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                state = field(view, "state");
                if (state.equals("done") || state.equals("failed") || state.equals("cancelled")) {
                    break;
                }
                if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                    lastPrint = System.nanoTime();
                    long done = (long) number(view, "eventsDone");
                    double cpu = (cpuNanos(node) - cpu0) / 1e9;
                    out.printf(Locale.ROOT, "  %s %s: %,d / %,d events, %,.0f/s, ETA %s; JVM CPU %.1f s (%,.0f events"
                                    + " per CPU-second)%n", projection, state, done, (long) number(view, "eventsTotal"),
                            number(view, "eventsPerSecond"), view.contains("\"etaSeconds\":null") ? "?"
                                    : String.format(Locale.ROOT, "%.0fs", number(view, "etaSeconds")),
                            cpu, done / Math.max(cpu, 1e-9));
                }
                sleep(500);
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (cpuNanos(node) - cpu0) / 1e9;
            if (!state.equals("done")) {
                out.println("  " + view);
                result(label, state, "the rebuild did not finish: " + field(view, "error"));
                return 1;
            }
            long events = (long) number(view, "eventsTotal");
            String seq = a.containsKey("seqread") ? "; raw sequential read " + a.get("seqread") + " events/s" : "";
            result(label, fmt(events / wall) + " events/s", String.format(Locale.ROOT,
                    "%,d events in %.1f s wall (replay phase %,.0f events/s as the app reports it), request to done%s",
                    events, wall, number(view, "eventsPerSecond"), seq));
            result(label + ", CPU-normalised", fmt(events / cpu) + " events per JVM CPU-second", String.format(
                    Locale.ROOT, "%.1f CPU-seconds of the app's JVM (process CPU time) for %,d events, %.2f cores busy"
                            + " on average; PostgreSQL's CPU not counted", cpu, events, cpu / wall));
            return 0;
        }

        static long cpuNanos(ProcessHandle node) {
            return node.info().totalCpuDuration().map(Duration::toNanos)
                    .orElseThrow(() -> new IllegalStateException("this OS does not report process CPU time"));
        }

        static String field(String json, String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|null)").matcher(json);
            return m.find() ? (m.group(2) == null ? "null" : m.group(2)) : "?";
        }

        static double number(String json, String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
