package app.oo.sagas.tip;

import app.oo.domain.person.PersonId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The person's current top task titles, read from their task provider for one tip generation and
 * never stored (implemented in web by the Todoist connector). Asynchronous and bounded: it completes
 * with an empty list, never exceptionally, when nothing is connected or the provider is slow or down.
 */
public interface TaskTitles {

    CompletableFuture<List<String>> currentTopTitles(PersonId personId);
}
