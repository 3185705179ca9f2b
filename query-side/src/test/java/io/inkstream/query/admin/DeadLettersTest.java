package io.inkstream.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.inkstream.query.ReadModels;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    static GenericDeadLetter<EventMessage<?>> letter(String post, String reply) {
        return new GenericDeadLetter<>(post, new GenericDomainEventMessage<>("Reply", reply, 0, "payload of " + reply),
                new IllegalStateException("could not apply"));
    }

    @Test
    void theDeadLettersOfRedactedEventsGoAndTheOthersStay() {
        SequencedDeadLetterQueue<EventMessage<?>> threads = InMemorySequencedDeadLetterQueue.defaultQueue();
        threads.enqueue("post-1", letter("post-1", "clear-reply"));
        threads.enqueue("post-1", letter("post-1", "other-reply"));
        threads.enqueue("post-2", letter("post-2", "unrelated"));
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.deadLetterQueue(anyString())).thenReturn(Optional.empty());
        when(processing.deadLetterQueue(ReadModels.THREAD_GROUP)).thenReturn(Optional.of(threads));

        int evicted = new DeadLetters(processing).evict(List.of("clear-reply"));

        assertThat(evicted).isEqualTo(1);
        assertThat(threads.size()).isEqualTo(2);
        assertThat(new DeadLetters(processing).list().block()).extracting(DeadLetters.Entry::aggregateId)
                .containsExactlyInAnyOrder("other-reply", "unrelated");
        assertThat(new DeadLetters(processing).evict(List.of("clear-reply"))).as("again: nothing").isZero();
    }
}
