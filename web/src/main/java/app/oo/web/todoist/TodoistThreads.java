package app.oo.web.todoist;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The few daemon threads Todoist calls run on: never a request, saga or event-handler thread. Not an
 * {@link java.util.concurrent.Executor} bean on purpose, so Spring Boot's own task executor stays.
 */
public final class TodoistThreads implements AutoCloseable {

    private final ExecutorService executor;

    TodoistThreads(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "todoist-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void execute(Runnable work) {
        executor.execute(work);
    }

    <T> CompletableFuture<T> supply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
