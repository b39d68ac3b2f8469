package app.oo.domain.projection;

import java.util.List;

/** Every processing group's dead-letter queue, empty ones included, in catalogue order. */
public record DeadLetterQueuesView(List<DeadLettersView> queues) {

    public DeadLetterQueuesView {
        queues = List.copyOf(queues);
    }
}
