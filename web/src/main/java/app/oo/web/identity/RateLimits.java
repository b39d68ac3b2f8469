package app.oo.web.identity;

import app.oo.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-person token buckets on {@code /recommend} and {@code /api/signals}: a client that sends
 * too much gets 429 with {@code Retry-After}, and one person cannot starve the others. Buckets are
 * per node; idle ones are dropped.
 */
public class RateLimits extends OncePerRequestFilter {

    /** A limit: {@code perSecond} sustained, up to {@code burst} at once. */
    public record Limit(double perSecond, double burst) {
    }

    private static final Duration IDLE = Duration.ofMinutes(10);

    private final Limit recommend;
    private final Limit signals;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public RateLimits(Limit recommend, Limit signals, Clock clock) {
        this.recommend = recommend;
        this.signals = signals;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        Limit limit = path.equals("/recommend") ? recommend : path.startsWith("/api/signals") ? signals : null;
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (limit == null || auth == null || !"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long now = clock.millis();
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(limit == recommend ? "r:" + auth.getName() : "s:" + auth.getName(),
                k -> new Bucket(limit, now));
        double waitSeconds = bucket.take(now);
        if (waitSeconds > 0) {
            response.setHeader("Retry-After", String.valueOf((long) Math.ceil(waitSeconds)));
            Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                    "slow down: at most " + limit.perSecond() + " requests per second on " + path, null);
            return;
        }
        chain.doFilter(request, response);
    }

    private void sweep(long now) {
        if (now - lastSweep < IDLE.toMillis()) {
            return;
        }
        lastSweep = now;
        buckets.values().removeIf(b -> b.idleSince(now) > IDLE.toMillis());
    }

    private static final class Bucket {
        private final Limit limit;
        private double tokens;
        private long updated;

        Bucket(Limit limit, long now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.updated = now;
        }

        /** @return 0 when a token was taken, else the seconds until one is there */
        synchronized double take(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - updated) / 1000.0 * limit.perSecond());
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / limit.perSecond();
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}
