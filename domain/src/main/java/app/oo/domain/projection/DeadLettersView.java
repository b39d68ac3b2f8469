package app.oo.domain.projection;

import java.util.List;

/**
 * The dead letters of one projection's processing group.
 *
 * @param total       letters in the queue, listed or not
 * @param sequences   sequences (persons) held back by a letter
 * @param deadLetters the letters, sequence by sequence, each sequence in its order
 */
public record DeadLettersView(String projection, long total, long sequences, List<DeadLetterView> deadLetters) {

    public DeadLettersView {
        deadLetters = List.copyOf(deadLetters);
    }
}
