package app.oo.web.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies over 1 MiB before anything reads them (413, problem+json): the largest
 * legitimate body, a batch of 1,000 signals, is a fraction of that.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimit extends OncePerRequestFilter {

    public static final long MAX_BYTES = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean api = request.getRequestURI().startsWith("/api/") || request.getRequestURI().equals("/recommend");
        if (api && (length > MAX_BYTES || length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding")))) {
            Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "Body too large",
                    "request bodies are at most " + MAX_BYTES + " bytes and carry a Content-Length", "body");
            return;
        }
        chain.doFilter(request, response);
    }
}
