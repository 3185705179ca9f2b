package io.inkstream.eventstore;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the rest of Inkstream asks of the event store beyond Axon's engine contract. Reads see
 * what loads and tracking see: whole units of work only. Blocking: call where blocking is allowed.
 */
public interface EventLog {

    /** The highest global index written: where a processor that has caught up stands. */
    long head();

    /** Whether the aggregate has an event at this sequence number: one lookup of one key. */
    boolean contains(String aggregateIdentifier, long sequenceNumber);

    /**
     * How many events of watched aggregate types the store held when this process last looked,
     * answered without a round trip: what a read made after it is held to, with
     * {@link #expectUnchanged}. Empty where the store keeps no such count: then look every time.
     */
    default OptionalLong changesSeen() {
        return OptionalLong.empty();
    }

    /**
     * Holds the current unit of work's events to a read: they are stored only if, when they are
     * numbered, the aggregate still has no event at {@code sequenceNumber}. While no event of a
     * watched type was stored since {@code changesSeen} that costs nothing; else one lookup. When
     * it no longer holds, nothing of the unit is stored and its append fails with
     * {@link StaleRead}: the command may be sent again, and reads afresh. Outside a unit of work
     * nothing waits to be stored, and nothing is held.
     *
     * @throws IllegalArgumentException if events of {@code aggregateType} are not counted
     */
    default void expectUnchanged(String aggregateType, String aggregateIdentifier, long sequenceNumber,
            long changesSeen) {
        throw new UnsupportedOperationException("This store keeps no change count (changesSeen is empty)");
    }

    /** The aggregate types whose events count as changes for {@link #expectUnchanged}: the same in every process. */
    record Watched(Set<String> aggregateTypes) {

        public Watched {
            aggregateTypes = Set.copyOf(aggregateTypes);
        }
    }

    /** The stored events with global indexes in [{@code from}, {@code from + count}), in store order. */
    List<StoredEvent> window(long from, int count);

    /** An aggregate's stored events from {@code firstSequence} on, at most {@code count}, in order. */
    List<StoredEvent> stream(String aggregateIdentifier, long firstSequence, int count);

    /** Recomputes every hash chain from the first event. */
    Verification verify();

    /**
     * Replaces the payload of one stored event, for the right to erasure where personal data was
     * stored in clear (before it was sealed). The event keeps its place and its hash, and is
     * marked redacted with the {@code reason} (what ordered it): its payload is no longer covered
     * by its hash, its place in the chain still is. Again with the same payload changes nothing.
     */
    void redact(String aggregateIdentifier, long sequenceNumber, String payload, String reason);

    /** One event as stored: its payload and metadata in their serialized form. */
    record StoredEvent(long position, String aggregateIdentifier, long sequenceNumber, String aggregateType,
            String eventIdentifier, String timestamp, String payloadType, String payloadRevision, String payload,
            String metaData) {
    }

    /**
     * The answer of {@link #verify()}: whether every chain holds, and if not the first event at
     * which one breaks. Events stored before chains came in ({@code unchained}, all below
     * {@code chainedFrom}) are covered by the checkpoints only; redacted events
     * ({@code redacted}) by their place in the chain and the checkpoints, not their payload.
     */
    record Verification(boolean verified, Broken firstBroken, long events, long unchained, Long chainedFrom,
            long checkpoints, long checkpointedUpTo, String checkpointHash, long redacted) {
    }

    /** Where a chain breaks, and why: {@code event-hash}, {@code hash-missing} or {@code checkpoint}. */
    record Broken(long position, String aggregateId, Long sequenceNumber, String reason) {
    }
}
