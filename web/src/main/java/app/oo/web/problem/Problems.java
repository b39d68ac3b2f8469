package app.oo.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 7807 problems as oO answers them: status, title, detail, and for bad input the field at
 * fault ({@code field}) with every error found ({@code errors}).
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** One invalid field. */
    public record FieldError(String field, String message) {
    }

    public static ProblemDetail of(HttpStatus status, String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://oo.app/problems/" + status.value()));
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("field", errors.get(0).field());
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public static ProblemDetail invalid(String field, String message) {
        return of(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    /** For filters, which answer before Spring MVC's exception handling. */
    public static void write(HttpServletResponse response, HttpStatus status, String title, String detail,
                             String field) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://oo.app/problems/" + status.value());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
            body.put("errors", List.of(Map.of("field", field, "message", detail)));
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
