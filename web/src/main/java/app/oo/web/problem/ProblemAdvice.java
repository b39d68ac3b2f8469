package app.oo.web.problem;

import app.oo.domain.InvalidFieldException;
import app.oo.domain.consent.ConsentMissingException;
import app.oo.domain.person.PersonErasedException;
import app.oo.domain.tip.TipAlreadyFinalException;
import app.oo.domain.tip.TipExpiredException;
import app.oo.domain.tip.TipNotFoundException;
import app.oo.web.signal.IngestAdmission;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the API as problem+json; bad input names its field, and nothing is stored. */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    /** A signal, timing preferences, a path variable or a parameter that breaks its rules: the field at fault. */
    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        return Problems.invalid(e.field(), e.reason());
    }

    @ExceptionHandler(ConsentMissingException.class)
    ProblemDetail consentMissing(ConsentMissingException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "Consent missing", e.getMessage() + "; nothing was stored",
                List.of(new Problems.FieldError("source", "no consent to '" + e.topic().wireName() + "'")));
    }

    @ExceptionHandler(PersonErasedException.class)
    ProblemDetail erased(PersonErasedException e) {
        return Problems.of(HttpStatus.GONE, "Person erased", e.getMessage(), null);
    }

    @ExceptionHandler({TipNotFoundException.class, AggregateNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "Not found",
                e instanceof TipNotFoundException ? e.getMessage() : "no such resource for this person", null);
    }

    @ExceptionHandler(TipAlreadyFinalException.class)
    ProblemDetail alreadyFinal(TipAlreadyFinalException e) {
        return Problems.of(HttpStatus.CONFLICT, "Already reacted", e.getMessage(), null);
    }

    @ExceptionHandler(TipExpiredException.class)
    ProblemDetail expired(TipExpiredException e) {
        return Problems.of(HttpStatus.CONFLICT, "Tip expired", e.getMessage(), null);
    }

    /** A batch refused while the views are behind (load shedding): stored nothing, retry shortly. */
    @ExceptionHandler(IngestAdmission.ViewsBehindException.class)
    ResponseEntity<ProblemDetail> viewsBehind(IngestAdmission.ViewsBehindException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Views behind", e.getMessage(), null));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), null);
    }

    /** Axon wraps handler exceptions when commands cross a process boundary; answer for the cause. */
    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException e) {
        if (e.getCause() instanceof RuntimeException cause && cause != e) {
            ProblemDetail mapped = map(cause);
            if (mapped != null) {
                return mapped;
            }
        }
        return unexpected(e);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error",
                "the request failed on oO's side; it was logged", null);
    }

    private ProblemDetail map(RuntimeException cause) {
        if (cause instanceof InvalidFieldException e) {
            return invalidField(e);
        }
        if (cause instanceof ConsentMissingException e) {
            return consentMissing(e);
        }
        if (cause instanceof PersonErasedException e) {
            return erased(e);
        }
        if (cause instanceof TipNotFoundException e) {
            return notFound(e);
        }
        if (cause instanceof TipAlreadyFinalException e) {
            return alreadyFinal(e);
        }
        if (cause instanceof TipExpiredException e) {
            return expired(e);
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex,
            @NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        return ResponseEntity.badRequest().body(unreadable(ex));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex,
            @NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        List<Problems.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new Problems.FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors));
    }

    /** Says which field broke the JSON, or where the JSON itself is broken. */
    static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InvalidFieldException invalid) {
                return Problems.invalid(invalid.field(), invalid.reason());
            }
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = JsonPaths.of(mapping.getPath());
            String message;
            if (cause instanceof UnrecognizedPropertyException) {
                message = "is not a known field";
            } else if (cause instanceof InvalidFormatException format) {
                message = "has the wrong type or format (" + abbreviated(String.valueOf(format.getValue())) + ")";
            } else if (cause instanceof MismatchedInputException) {
                message = "has the wrong type";
            } else {
                message = "is invalid";
            }
            return Problems.invalid(field, message);
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "Malformed JSON",
                "the request body is not valid JSON of the expected shape", List.of(new Problems.FieldError("body",
                        "malformed JSON")));
    }

    private static String abbreviated(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
