package io.inkstream.query.admin;

import io.inkstream.query.Generations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The events the read models could not handle, and retrying them. */
@Component
public class DeadLetters {

    public record Entry(String readModel, String aggregateId, long sequenceNumber, String type, Instant timestamp,
            String cause, Instant enqueuedAt, Instant lastTouched) {
    }

    public record Retried(String readModel, int sequencesRetried, long stillDead) {
    }

    private final EventProcessingConfiguration processing;

    public DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public Mono<List<Entry>> list() {
        return Mono.fromCallable(() -> {
            List<Entry> entries = new ArrayList<>();
            for (String group : Generations.READ_MODELS.keySet().stream().sorted().toList()) {
                processing.deadLetterQueue(group).ifPresent(queue -> {
                    for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                        for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                            entries.add(entry(group, letter));
                        }
                    }
                });
            }
            return entries;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Hands every dead sequence of one read model to its projection again. */
    public Mono<Retried> retry(String readModel) {
        return Mono.fromCallable(() -> {
            if (!Generations.READ_MODELS.containsKey(readModel)) {
                throw Projections.unknown(readModel);
            }
            var processor = processing.sequencedDeadLetterProcessor(readModel)
                    .orElseThrow(() -> Projections.unknown(readModel));
            var queue = processing.deadLetterQueue(readModel).orElseThrow();
            int retried = 0;
            long sequences = queue.amountOfSequences();
            for (long i = 0; i < sequences && processor.processAny(); i++) {
                retried++;
            }
            return new Retried(readModel, retried, queue.size());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static Entry entry(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String aggregate = message instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : null;
        long sequence = message instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : 0;
        String cause = letter.cause().map(c -> c.type().substring(c.type().lastIndexOf('.') + 1) + ": " + c.message())
                .orElse(null);
        return new Entry(group, aggregate, sequence, message.getPayloadType().getSimpleName(), message.getTimestamp(),
                cause, letter.enqueuedAt(), letter.lastTouched());
    }
}
