package app.oo.web.erasure;

import app.oo.domain.person.PersonId;
import app.oo.sagas.erasure.ErasureSagaProperties;
import app.oo.sagas.erasure.ErasureStepRunner;
import app.oo.sagas.erasure.StepOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Compliance's erasure console (role {@code compliance}): every erasure with its status and
 * evidence, and the replay of one person's erasure or of all of them, after a restore or a rebuild.
 * A replay re-runs every step under a fresh replay id and appends its own evidence; replaying twice
 * is harmless. The request thread waits for the replay's evidence; no saga thread does. The page
 * {@code /compliance} is this API's console.
 */
@RestController
@RequestMapping("/admin/api/erasures")
public class ErasureAdminController {

    private final ErasureLedger ledger;
    private final ErasureStepRunner runner;
    private final ErasureSagaProperties settings;
    private final Clock clock;

    ErasureAdminController(ErasureLedger ledger, ErasureStepRunner runner, ErasureSagaProperties settings, Clock clock) {
        this.ledger = ledger;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping
    public Map<String, Object> erasures() {
        return Map.of("erasures", ledger.all());
    }

    /** Every erasure with its evidence, as a file compliance can keep or hand over. */
    @GetMapping("/evidence")
    public ResponseEntity<Map<String, Object>> evidence() {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("exportedAt", clock.instant());
        export.put("erasures", ledger.all());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"oo-erasure-evidence.json\"")
                .body(export);
    }

    @PostMapping("/{personId}/replay")
    public Map<String, Object> replay(@PathVariable String personId) throws InterruptedException {
        PersonId person = parse(personId);
        ErasureLedger.Erasure erasure = ledger.latestOf(person.toString())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no erasure was requested for person " + personId));
        return replay(erasure);
    }

    @PostMapping("/replay-all")
    public Map<String, Object> replayAll() throws InterruptedException {
        Map<String, ErasureLedger.Erasure> latest = new LinkedHashMap<>();
        ledger.all().forEach(e -> latest.put(e.personId(), e));
        List<Map<String, Object>> replays = new ArrayList<>();
        for (ErasureLedger.Erasure erasure : latest.values()) {
            replays.add(replay(erasure));
        }
        return Map.of("replayed", replays.size(), "replays", replays);
    }

    private Map<String, Object> replay(ErasureLedger.Erasure erasure) throws InterruptedException {
        UUID replayId = UUID.randomUUID();
        List<StepOutcome> steps;
        try {
            steps = runner.replay(PersonId.of(erasure.personId()), erasure.erasureId(), replayId)
                    .get(settings.replayTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the replay of erasure "
                    + erasure.erasureId() + " (replay " + replayId + ") did not finish: " + e.getMessage(), e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("personId", erasure.personId());
        result.put("erasureId", erasure.erasureId());
        result.put("replayId", replayId);
        result.put("steps", steps.stream().map(s -> Map.of("step", s.step().wireName(), "outcome", s.outcome(),
                "detail", s.detail() == null ? "" : s.detail())).toList());
        return result;
    }

    private static PersonId parse(String personId) {
        try {
            return PersonId.of(personId);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a person id: '" + personId + "'");
        }
    }
}
