package app.oo.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class DeadLetterPolicyTest {

    private static final String SECRET = "ada-lovelace-secret-note";

    /** PostgreSQL's answer to a duplicate key: the detail quotes the row. */
    private static PSQLException duplicate() {
        return new PSQLException(new ServerErrorMessage("SERROR\0C23505\0Mduplicate key value violates unique"
                + " constraint \"person_signal_pkey\"\0DKey (note)=(" + SECRET + ") already exists.\0"
                + "tperson_signal\0nperson_signal_pkey\0"));
    }

    @Test
    void keepsTypesSqlStateAndNamesButNoValue() {
        RuntimeException error = new IllegalStateException("SQL [insert …]; " + duplicate().getMessage(), duplicate());

        String cause = DeadLetterPolicy.describe(error);

        assertThat(cause).isEqualTo("IllegalStateException < PSQLException; SQLState 23505, table person_signal,"
                + " constraint person_signal_pkey");
        assertThat(duplicate().getMessage()).as("the driver's message would have leaked it").contains(SECRET);
    }

    @Test
    void theServersErrorWinsOverTheBatchExceptionWrappingIt() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 insert … (" + SECRET + ")", "23505",
                new int[0], duplicate());

        assertThat(DeadLetterPolicy.describe(new RuntimeException(batch)))
                .isEqualTo("RuntimeException < BatchUpdateException < PSQLException; SQLState 23505,"
                        + " table person_signal, constraint person_signal_pkey");
    }

    @Test
    void enqueuesWithASafeCauseAndCountsFailedRetries() {
        DeadLetterPolicy policy = new DeadLetterPolicy("person-features");
        EventMessage<?> event = GenericEventMessage.asEventMessage("an event");
        DeadLetter<EventMessage<?>> first = new GenericDeadLetter<>("p1", event);

        EnqueueDecision<EventMessage<?>> decision = policy.decide(first, duplicate());

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> {
            assertThat(cause.getMessage()).doesNotContain(SECRET).contains("SQLState 23505");
        });
        DeadLetter<? extends EventMessage<?>> stored = decision.withDiagnostics(first);
        assertThat(stored.diagnostics()).containsEntry(DeadLetterPolicy.RETRIES, 0L);

        DeadLetter<EventMessage<?>> retried = new GenericDeadLetter<EventMessage<?>>("p1", event)
                .withDiagnostics(MetaData.with(DeadLetterPolicy.RETRIES, 2));
        assertThat(policy.decide(retried, duplicate()).withDiagnostics(retried).diagnostics())
                .containsEntry(DeadLetterPolicy.RETRIES, 3L);
    }

    @Test
    void aLostConnectionIsRethrownForTheProcessorToRetryNotParked() {
        DeadLetterPolicy policy = new DeadLetterPolicy("consents");
        EventMessage<?> event = GenericEventMessage.asEventMessage("an event");
        RuntimeException lost = new IllegalStateException("jOOQ",
                new PSQLException("An I/O error occurred while sending to the backend.",
                        org.postgresql.util.PSQLState.CONNECTION_FAILURE));

        assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("p1", event), lost)).isSameAs(lost);
        assertThat(DeadLetterPolicy.isTransient(new java.sql.SQLException("deadlock", "40P01"))).isTrue();
        assertThat(DeadLetterPolicy.isTransient(duplicate())).isFalse();

        DeadLetter<EventMessage<?>> stored = new GenericDeadLetter<EventMessage<?>>("p1", event)
                .withDiagnostics(MetaData.with(DeadLetterPolicy.RETRIES, 0L));
        assertThat(policy.decide(stored, lost).shouldEnqueue()).as("a retry of a stored letter requeues it").isTrue();
    }
}
