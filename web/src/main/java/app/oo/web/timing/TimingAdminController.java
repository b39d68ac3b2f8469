package app.oo.web.timing;

import app.oo.domain.timing.FindTimingDecisionsQuery;
import app.oo.domain.timing.TimingDecisionsView;
import app.oo.web.problem.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Analysts' view of the timing decisions: by pseudonymous person key and time range, never by who the person is. */
@RestController
public class TimingAdminController {

    private static final Pattern PERSON_KEY = Pattern.compile("[0-9a-f]{32}");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private final QueryGateway queries;

    public TimingAdminController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/admin/api/timing/decisions")
    public TimingDecisionsView decisions(@RequestParam(required = false) String personKey,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(required = false) String limit) {
        if (personKey != null && !PERSON_KEY.matcher(personKey).matches()) {
            throw new InvalidRequestException("personKey", "must be a pseudonymous key: 32 lower-case hex digits");
        }
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !until.isAfter(since)) {
            throw new InvalidRequestException("to", "must be after from (" + since + ")");
        }
        return queries.query(new FindTimingDecisionsQuery(personKey, since, until, limit(limit)),
                TimingDecisionsView.class).join();
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be an ISO-8601 instant such as 2026-11-25T08:00:00Z");
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw new InvalidRequestException(field, "must lie between " + EARLIEST + " and " + LATEST);
        }
        return parsed;
    }

    private static int limit(String value) {
        if (value == null) {
            return 500;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= FindTimingDecisionsQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same message as an out-of-range number
        }
        throw new InvalidRequestException("limit", "must be a whole number from 1 to " + FindTimingDecisionsQuery.MAX_LIMIT);
    }
}
