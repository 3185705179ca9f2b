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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeadLetters.class);

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

    /**
     * Drops the dead letters of these aggregates' events from every read model's queue: for
     * events redacted since they were parked, whose parked copy still holds what was redacted.
     * The event stays in the store as redacted; a replay of the read model applies it. Blocking.
     */
    public int evict(java.util.Collection<String> aggregateIds) {
        int evicted = 0;
        for (String group : Generations.READ_MODELS.keySet()) {
            var queue = processing.deadLetterQueue(group);
            if (queue.isEmpty()) {
                continue;
            }
            List<DeadLetter<? extends EventMessage<?>>> doomed = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.get().deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letter.message() instanceof DomainEventMessage<?> d && aggregateIds.contains(d.getAggregateIdentifier())) {
                        doomed.add(letter);
                    }
                }
            }
            for (DeadLetter<? extends EventMessage<?>> letter : doomed) {
                queue.get().evict(letter);
                evicted++;
                log.warn("Dropped the dead letter of {} from {}: its event was redacted by an erasure; replay {} to apply it",
                        ((DomainEventMessage<?>) letter.message()).getAggregateIdentifier(), group, group);
            }
        }
        return evicted;
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
