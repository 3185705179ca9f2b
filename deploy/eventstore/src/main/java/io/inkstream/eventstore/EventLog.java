package io.inkstream.eventstore;

import java.util.List;

/**
 * What the rest of Inkstream asks of the event store beyond Axon's engine contract. Reads see
 * what loads and tracking see: whole units of work only. Blocking: call where blocking is allowed.
 */
public interface EventLog {

    /** The highest global index written: where a processor that has caught up stands. */
    long head();

    /** Whether the aggregate has an event at this sequence number: one lookup of one key. */
    boolean contains(String aggregateIdentifier, long sequenceNumber);

    /** The stored events with global indexes in [{@code from}, {@code from + count}), in store order. */
    List<StoredEvent> window(long from, int count);

    /** An aggregate's stored events from {@code firstSequence} on, at most {@code count}, in order. */
    List<StoredEvent> stream(String aggregateIdentifier, long firstSequence, int count);

    /** Recomputes every hash chain from the first event. */
    Verification verify();

    /** One event as stored: its payload and metadata in their serialized form. */
    record StoredEvent(long position, String aggregateIdentifier, long sequenceNumber, String aggregateType,
            String eventIdentifier, String timestamp, String payloadType, String payloadRevision, String payload,
            String metaData) {
    }

    /**
     * The answer of {@link #verify()}: whether every chain holds, and if not the first event at
     * which one breaks. Events stored before chains came in ({@code unchained}, all below
     * {@code chainedFrom}) are covered by the checkpoints only.
     */
    record Verification(boolean verified, Broken firstBroken, long events, long unchained, Long chainedFrom,
            long checkpoints, long checkpointedUpTo, String checkpointHash) {
    }

    /** Where a chain breaks, and why: {@code event-hash}, {@code hash-missing} or {@code checkpoint}. */
    record Broken(long position, String aggregateId, Long sequenceNumber, String reason) {
    }
}
