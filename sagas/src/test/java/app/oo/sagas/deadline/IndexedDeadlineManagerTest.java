package app.oo.sagas.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IndexedDeadlineManagerTest {

    private record Scope(String id) implements ScopeDescriptor {
        @Override
        public String scopeDescription() {
            return "scope " + id;
        }
    }

    /** Receives deadlines of the scopes it knows, and records them (with whether a unit of work ran them). */
    private static final class Receiver implements ScopeAware, ScopeAwareProvider {
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public Stream<ScopeAware> provideScopeAwareStream(ScopeDescriptor scope) {
            return Stream.of(this);
        }

        @Override
        public boolean canResolve(ScopeDescriptor scope) {
            return scope instanceof Scope;
        }

        @Override
        public void send(Message<?> message, ScopeDescriptor scope) {
            DeadlineMessage<?> deadline = (DeadlineMessage<?>) message;
            received.add(((Scope) scope).id() + ":" + deadline.getDeadlineName() + ":" + deadline.getPayload()
                    + (CurrentUnitOfWork.isStarted() ? "" : " (no unit of work)"));
        }
    }

    private final Receiver receiver = new Receiver();
    private final IndexedDeadlineManager deadlines = new IndexedDeadlineManager(receiver, NoTransactionManager.INSTANCE,
            Executors.newSingleThreadScheduledExecutor());

    @AfterEach
    void stop() {
        deadlines.shutdown();
    }

    @Test
    void aDeadlineFiresInItsScopeInAUnitOfWorkAndIsForgotten() {
        deadlines.schedule(Duration.ofMillis(20), "expiry", "due", new Scope("tip-1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 1);
        assertThat(receiver.received).containsExactly("tip-1:expiry:due");
        await().atMost(Duration.ofSeconds(5)).until(() -> deadlines.pendingCount() == 0);
    }

    @Test
    void aCancelledDeadlineNeverFiresAndOthersStillDo() throws InterruptedException {
        String first = deadlines.schedule(Duration.ofMillis(100), "fallback", "a", new Scope("saga-1"));
        deadlines.schedule(Duration.ofMillis(100), "fallback", "b", new Scope("saga-2"));

        deadlines.cancelSchedule("fallback", first);
        deadlines.cancelSchedule("another-name", "no-such-id");

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 1);
        Thread.sleep(200);
        assertThat(receiver.received).containsExactly("saga-2:fallback:b");
        assertThat(deadlines.pendingCount()).isZero();
    }

    @Test
    void cancellingWithinAScopeTouchesOnlyThatScopeAndName() throws InterruptedException {
        Scope tip = new Scope("tip-1");
        deadlines.schedule(Duration.ofMillis(100), "resurface", "r", tip);
        deadlines.schedule(Duration.ofMillis(100), "expiry", "e", tip);
        deadlines.schedule(Duration.ofMillis(100), "resurface", "other", new Scope("tip-2"));

        deadlines.cancelAllWithinScope("resurface", tip);

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 2);
        Thread.sleep(200);
        assertThat(receiver.received).containsExactlyInAnyOrder("tip-1:expiry:e", "tip-2:resurface:other");
        assertThat(deadlines.pendingCount()).isZero();
    }

    @Test
    void insideAUnitOfWorkNothingIsScheduledOrCancelledBeforeItCommits() throws InterruptedException {
        DefaultUnitOfWork<?> rolledBack = DefaultUnitOfWork.startAndGet(null);
        deadlines.schedule(Duration.ofMillis(10), "fallback", "never", new Scope("saga-1"));
        assertThat(deadlines.pendingCount()).isZero();
        rolledBack.rollback();

        String kept = deadlines.schedule(Duration.ofMillis(150), "fallback", "kept", new Scope("saga-2"));
        DefaultUnitOfWork<?> cancelRolledBack = DefaultUnitOfWork.startAndGet(null);
        deadlines.cancelSchedule("fallback", kept);
        cancelRolledBack.rollback();

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 1);
        Thread.sleep(100);
        assertThat(receiver.received).containsExactly("saga-2:fallback:kept");
    }

    @Test
    void thousandsOfPendingDeadlinesCancelByIdWithoutLeavingAnIndexBehind() {
        for (int i = 0; i < 5_000; i++) {
            deadlines.schedule(Duration.ofHours(1), "expiry", "e" + i, new Scope("tip-" + i));
        }
        String fallback = deadlines.schedule(Duration.ofHours(1), "fallback", "f", new Scope("saga"));
        assertThat(deadlines.pendingCount()).isEqualTo(5_001);

        deadlines.cancelSchedule("fallback", fallback);
        for (int i = 0; i < 5_000; i++) {
            deadlines.cancelAllWithinScope("expiry", new Scope("tip-" + i));
        }

        assertThat(deadlines.pendingCount()).isZero();
    }
}
