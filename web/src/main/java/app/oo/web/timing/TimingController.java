package app.oo.web.timing;

import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonKeys;
import app.oo.domain.timing.FindTimingDecisionsQuery;
import app.oo.domain.timing.FindTimingPreferencesQuery;
import app.oo.domain.timing.SetTimingPreferencesCommand;
import app.oo.domain.timing.TimingDecisionEntry;
import app.oo.domain.timing.TimingDecisionsView;
import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingPreferencesView;
import app.oo.domain.timing.TimingTrigger;
import app.oo.web.identity.CurrentPerson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The person's timing preferences, and the timing decisions taken for them. */
@RestController
@RequestMapping("/api/me/timing")
public class TimingController {

    static final int OWN_DECISIONS = 100;

    private final CurrentPerson currentPerson;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PersonKeys personKeys;
    private final Clock clock;

    public TimingController(CurrentPerson currentPerson, CommandGateway commands, QueryGateway queries,
                            PersonKeys personKeys, Clock clock) {
        this.currentPerson = currentPerson;
        this.commands = commands;
        this.queries = queries;
        this.personKeys = personKeys;
        this.clock = clock;
    }

    /** The preferences in effect; {@code custom} false means the defaults, {@code setAt} when they were last set. */
    public record TimingPreferencesBody(String timeZone, String quietStart, String quietEnd, int dailyCap,
                                        String morningAt, List<String> triggers, long minGapMinutes, boolean custom,
                                        Instant setAt) {

        static TimingPreferencesBody of(TimingPreferences p, boolean custom, Instant setAt) {
            return new TimingPreferencesBody(p.timeZone(), p.quietStart().toString(), p.quietEnd().toString(),
                    p.dailyCap(), p.morningAt().toString(),
                    p.triggers().stream().sorted().map(TimingTrigger::wireName).toList(), p.minGap().toMinutes(),
                    custom, setAt);
        }
    }

    /** One decision at one of the person's moments. */
    public record OwnDecision(String trigger, Instant momentAt, Instant decidedAt, String outcome, String reason,
                              UUID tipId) {
    }

    public record OwnDecisions(List<OwnDecision> decisions) {
    }

    @GetMapping
    public TimingPreferencesBody get(Authentication auth) {
        TimingPreferencesView view = queries.query(new FindTimingPreferencesQuery(currentPerson.of(auth)),
                TimingPreferencesView.class).join();
        return TimingPreferencesBody.of(view.preferences(), view.custom(), view.setAt());
    }

    /** Replaces every preference at once; the schedule follows as soon as the timing view has the event. */
    @PutMapping
    public TimingPreferencesBody put(@RequestBody JsonNode body, Authentication auth) {
        TimingPreferences preferences = TimingPreferencesParser.parse(body);
        PersonId person = currentPerson.of(auth);
        Instant now = clock.instant();
        commands.sendAndWait(new SetTimingPreferencesCommand(person, preferences, now));
        return TimingPreferencesBody.of(preferences, true, now);
    }

    @GetMapping("/decisions")
    public OwnDecisions decisions(Authentication auth) {
        String key = personKeys.of(currentPerson.of(auth));
        TimingDecisionsView view = queries.query(new FindTimingDecisionsQuery(key, null, null, OWN_DECISIONS),
                TimingDecisionsView.class).join();
        return new OwnDecisions(view.decisions().stream().map(TimingController::own).toList());
    }

    private static OwnDecision own(TimingDecisionEntry d) {
        return new OwnDecision(d.trigger(), d.momentAt(), d.decidedAt(), d.outcome(), d.reason(), d.tipId());
    }
}
