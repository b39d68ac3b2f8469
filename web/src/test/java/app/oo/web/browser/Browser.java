package app.oo.web.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver protocol (plain HTTP and
 * JSON), so the page is tested in a real browser without a browser download.
 */
public final class Browser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;
    private final Path screenshots;

    private Browser(Process driver, String base, String session, Path screenshots) {
        this.driver = driver;
        this.base = base;
        this.session = session;
        this.screenshots = screenshots;
    }

    /** @param width,height the window, e.g. 390×844 for a phone */
    public static Browser start(int width, int height, Path screenshots) {
        int port = freePort();
        Process driver;
        try {
            Files.createDirectories(screenshots);
            driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(screenshots.resolve("chromedriver.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("chromedriver is missing: infra/bin/install-deps installs chromium-driver", e);
        }
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        waitUntil(Duration.ofSeconds(20), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        ObjectNode caps = JSON.createObjectNode();
        ObjectNode chrome = caps.putObject("capabilities").putObject("alwaysMatch").putObject("goog:chromeOptions");
        chrome.put("binary", "/usr/bin/chromium");
        List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + "," + height).forEach(chrome.putArray("args")::add);
        JsonNode created = call(http, "POST", base + "/session", caps);
        return new Browser(driver, base, created.path("value").path("sessionId").asText(), screenshots);
    }

    public void open(String url) {
        command("POST", "/url", JSON.createObjectNode().put("url", url));
    }

    public String url() {
        return command("GET", "/url", null).asText();
    }

    public String find(String css) {
        JsonNode found = command("POST", "/element", JSON.createObjectNode().put("using", "css selector").put("value", css));
        return found.path(ELEMENT).asText();
    }

    public void type(String css, String text) {
        command("POST", "/element/" + find(css) + "/value", JSON.createObjectNode().put("text", text));
    }

    public void click(String css) {
        command("POST", "/element/" + find(css) + "/click", JSON.createObjectNode());
    }

    /** Presses one key on the focused page, as a person would. */
    /**
     * Opens {@code url}, signs in on the login form it is sent to, and waits until the browser has
     * left the login page.
     */
    public void signIn(String url, String username, String password) {
        open(url);
        waitUntil(Duration.ofSeconds(10), () -> url().contains("/login"));
        type("input[name=username]", username);
        type("input[name=password]", password);
        click("button[type=submit]");
        waitUntil(Duration.ofSeconds(15), () -> !url().contains("/login"));
    }

    public void press(String key) {
        ObjectNode actions = JSON.createObjectNode();
        ObjectNode keyboard = actions.putArray("actions").addObject();
        keyboard.put("type", "key").put("id", "keyboard");
        keyboard.putArray("actions").add(JSON.createObjectNode().put("type", "keyDown").put("value", key))
                .add(JSON.createObjectNode().put("type", "keyUp").put("value", key));
        command("POST", "/actions", actions);
    }

    public JsonNode script(String body) {
        ObjectNode request = JSON.createObjectNode().put("script", body);
        request.putArray("args");
        return command("POST", "/execute/sync", request);
    }

    public String text(String css) {
        return command("GET", "/element/" + find(css) + "/text", null).asText();
    }

    public Path screenshot(String name) {
        byte[] png = Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static void waitUntil(Duration limit, BooleanSupplier condition) {
        Instant until = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("condition not met within " + limit);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            call(http, "DELETE", base + "/session/" + session, null);
        } catch (RuntimeException e) {
            // the browser may already be gone; the driver is stopped below either way
        }
        driver.destroy();
    }

    private JsonNode command(String method, String path, JsonNode body) {
        return call(http, method, base + "/session/" + session + path, body).path("value");
    }

    private static JsonNode call(HttpClient http, String method, String url, JsonNode body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").method(method, publisher).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException("WebDriver " + method + " " + url + " answered "
                        + response.statusCode() + ": " + json.path("value").path("message").asText());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
