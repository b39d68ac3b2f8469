package app.oo.web.signal;

import app.oo.domain.person.PersonId;
import app.oo.domain.signal.InvalidSignalException;
import app.oo.domain.signal.RecordSignalCommand;
import app.oo.domain.signal.RecordSignalsCommand;
import app.oo.domain.signal.SignalId;
import app.oo.web.identity.CurrentPerson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signals in. A 202 means the signal is in the event store; a refused signal (bad input, no
 * consent) stores nothing. A batch is one command, hence one commit, all or nothing.
 */
@RestController
@RequestMapping("/api/signals")
public class SignalController {

    private final CurrentPerson currentPerson;
    static final int MAX_BATCH = 1000;

    private final CommandGateway commands;
    private final SignalParser parser;
    private final IngestAdmission admission;

    public SignalController(CurrentPerson currentPerson, CommandGateway commands, SignalParser parser,
                            IngestAdmission admission) {
        this.currentPerson = currentPerson;
        this.commands = commands;
        this.parser = parser;
        this.admission = admission;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, String> record(@RequestBody JsonNode request, Authentication auth) {
        RecordSignalCommand command = parser.parse(currentPerson.of(auth), request, "");
        SignalId id = commands.sendAndWait(command);
        return Map.of("signalId", id.toString());
    }

    @PostMapping("/batch")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, List<String>> recordBatch(@RequestBody JsonNode requests, Authentication auth) {
        if (!requests.isArray()) {
            throw new InvalidSignalException("body", "a batch is a JSON array of signals");
        }
        if (requests.isEmpty() || requests.size() > MAX_BATCH) {
            throw new InvalidSignalException("body", "a batch holds 1 to " + MAX_BATCH + " signals, had " + requests.size());
        }
        admission.admitBatch();
        PersonId person = currentPerson.of(auth);
        List<RecordSignalCommand> signals = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            signals.add(parser.parse(person, requests.get(i), "[" + i + "]."));
        }
        List<SignalId> ids = commands.sendAndWait(new RecordSignalsCommand(person, signals));
        return Map.of("signalIds", ids.stream().map(SignalId::toString).toList());
    }
}
