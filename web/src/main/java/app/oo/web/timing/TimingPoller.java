package app.oo.web.timing;

import app.oo.domain.features.FetchPersonFeaturesQuery;
import app.oo.domain.features.PersonFeatures;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonKeys;
import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingTrigger;
import app.oo.domain.tip.RequestTipCommand;
import app.oo.domain.tip.TipId;
import app.oo.query.timing.DueMoment;
import app.oo.query.timing.TimingSchedule;
import app.oo.sagas.timing.Moment;
import app.oo.sagas.timing.TimingDecision;
import app.oo.sagas.timing.TimingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides every due moment of {@code timing_schedule}. Each moment is one transaction: claim the
 * row ({@code FOR UPDATE SKIP LOCKED}, so nodes polling together split the rows), lock the person,
 * ask the policy, send {@link RequestTipCommand} when it says issue (the command's events join the
 * same transaction), log the decision, then move the row (the next morning, the end of the quiet
 * hours) or delete it. A crash anywhere rolls all of it back: the moment is decided again, once.
 */
@Component
public class TimingPoller {

    private static final Logger log = LoggerFactory.getLogger(TimingPoller.class);

    private final TimingSchedule schedule;
    private final TimingPolicy policy;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PersonKeys personKeys;
    private final TransactionTemplate transaction;
    private final TimingProperties props;
    private final Clock clock;

    public TimingPoller(TimingSchedule schedule, TimingPolicy policy, CommandGateway commands, QueryGateway queries,
                        PersonKeys personKeys, TransactionTemplate transaction, TimingProperties props, Clock clock) {
        this.schedule = schedule;
        this.policy = policy;
        this.commands = commands;
        this.queries = queries;
        this.personKeys = personKeys;
        this.transaction = transaction;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${oo.timing.poll-every:30s}", initialDelayString = "${oo.timing.poll-every:30s}")
    void poll() {
        if (props.pollEnabled()) {
            runDue(clock.instant());
        }
    }

    /** Decides every moment due at {@code now}; @return how many were decided */
    public int runDue(Instant now) {
        return run(now, null);
    }

    /** Decides the person's moments due at {@code now} only: for operators and tests that move time forward. */
    public int runDueFor(PersonId person, Instant now) {
        return run(now, person);
    }

    private int run(Instant now, PersonId onlyFor) {
        int total = Math.min(schedule.countDue(now, onlyFor), props.batchLimit());
        long started = System.nanoTime();
        int done = 0;
        while (done < total) {
            Optional<DueMoment> decided = decideNext(now, onlyFor);
            if (decided.isEmpty()) {
                break;
            }
            done++;
            if (done % 100 == 0) {
                progress(done, total, started);
            }
        }
        if (done % 100 != 0) {
            progress(done, total, started);
        }
        return done;
    }

    private Optional<DueMoment> decideNext(Instant now, PersonId onlyFor) {
        DueMoment[] claimed = new DueMoment[1];
        try {
            return transaction.execute(status -> {
                Optional<DueMoment> next = schedule.claimNext(now, onlyFor);
                next.ifPresent(moment -> {
                    claimed[0] = moment;
                    decide(moment, now);
                });
                return next;
            });
        } catch (RuntimeException refused) {
            if (claimed[0] == null) {
                throw refused;
            }
            log.warn("timing: the tip request for a {} moment was refused: {}", claimed[0].trigger().wireName(),
                    refused.toString());
            recordRefusal(claimed[0], now, refused);
            return Optional.of(claimed[0]);
        }
    }

    private void decide(DueMoment moment, Instant now) {
        PersonId person = moment.personId();
        schedule.lockPerson(person);
        TimingPreferences preferences = schedule.preferences(person).preferences();
        PersonFeatures features = queries.query(new FetchPersonFeaturesQuery(person, now), PersonFeatures.class).join();
        TimingDecision decision = policy.decide(new Moment(moment.trigger(), moment.ref(), moment.dueAt()),
                preferences, features, schedule.tipsConsent(person),
                schedule.issuedSince(person, preferences.startOfDay(now)), schedule.lastIssuedAt(person), now);
        UUID tipId = null;
        if (decision.issues()) {
            TipId tip = TipId.random();
            commands.sendAndWait(new RequestTipCommand(person, tip, TimingPolicy.requestReason(moment.trigger()), now));
            tipId = tip.value();
        }
        schedule.record(moment, personKeys.of(person), now, decision.outcome().wireName(), decision.reason(),
                decision.retryAt(), tipId);
        reschedule(moment, preferences, decision.retryAt(), now);
    }

    /** The person's aggregate refused the request (consent revoked, erasure under way): logged, and the moment spent. */
    private void recordRefusal(DueMoment moment, Instant now, RuntimeException refused) {
        transaction.executeWithoutResult(status -> schedule.claim(moment).ifPresent(row -> {
            TimingPreferences preferences = schedule.preferences(moment.personId()).preferences();
            String cause = refused.getCause() != null ? refused.getCause().getClass().getSimpleName()
                    : refused.getClass().getSimpleName();
            schedule.record(moment, personKeys.of(moment.personId()), now, TimingDecision.Outcome.NOT_NOW.wireName(),
                    "refused: " + cause, null, null);
            reschedule(moment, preferences, null, now);
        }));
    }

    private void reschedule(DueMoment moment, TimingPreferences preferences, Instant retryAt, Instant now) {
        if (moment.trigger() == TimingTrigger.MORNING) {
            Instant after = moment.dueAt().isAfter(now) ? moment.dueAt() : now;
            schedule.moveTo(moment, preferences.nextMorningAfter(after), now);
        } else if (retryAt != null && retryAt.isAfter(now)) {
            schedule.moveTo(moment, retryAt, now);
        } else {
            schedule.remove(moment);
        }
    }

    private static void progress(int done, int total, long startedNanos) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        double rate = done / seconds;
        Duration eta = Duration.ofMillis(Math.round((total - done) / rate * 1000));
        log.info("timing: {} of {} due moments decided ({} /s, ETA {} s)", done, total, String.format("%.1f", rate),
                eta.toSeconds());
    }
}
