package app.oo.web.todoist;

import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import app.oo.sagas.tip.TaskTitles;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The tip saga's task titles from Todoist: read on a Todoist thread when the person's Todoist is
 * connected and in good standing, bounded by {@code oo.todoist.titles-timeout}, handed over and
 * forgotten. Without a connection, or when Todoist is slow or refuses, there are no titles.
 */
@Component
class TodoistTaskTitles implements TaskTitles {

    private final TodoistConnections connections;
    private final TodoistTokens tokens;
    private final TodoistClient client;
    private final TodoistThreads threads;
    private final TodoistProperties settings;

    TodoistTaskTitles(TodoistConnections connections, TodoistTokens tokens, TodoistClient client,
                      TodoistThreads threads, TodoistProperties settings) {
        this.connections = connections;
        this.tokens = tokens;
        this.client = client;
        this.threads = threads;
        this.settings = settings;
    }

    @Override
    public CompletableFuture<List<String>> currentTopTitles(PersonId personId) {
        if (!settings.enabled() || settings.maxTitles() <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        IntegrationId integration = IntegrationId.of(personId, TodoistConnections.PROVIDER);
        return threads.supply(() -> connections.status(personId).filter(s -> !s.needsReconnect()).isPresent()
                        ? tokens.call(integration, token -> client.taskTitles(token, settings.maxTitles()))
                        : List.<String>of())
                .completeOnTimeout(List.of(), settings.titlesTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> List.of());
    }
}
