package io.inkstream.platform.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Our event store on MongoDB. Every event gets a global index, allocated from a counter, and is
 * stored under it as {@code _id}; a unique {@code stream} key ("aggregate/sequence") makes a
 * second append of one sequence number fail. Every read is a lookup of {@code _id}s or stream
 * keys with {@code $in}, which both real MongoDB and the embedded server serve from an index,
 * so its cost does not grow with the store.
 *
 * <p>Tracking is gap-aware: an index allocated by a writer that has not stored its event yet
 * becomes a gap in the token and is delivered once it is stored. A gap that stays empty (its
 * writer failed) is dropped after {@code gapTimeout}, measured on this process's own clock,
 * so clock skew between writers cannot make it drop a gap early.
 */
public class MongoEventLog extends BatchingEventStorageEngine {

    public static final String EVENTS = "events";
    public static final String SNAPSHOTS = "snapshots";
    public static final String COUNTERS = "counters";
    private static final String EVENT_COUNTER = "events";
    /** How far below the head an unfilled index is still tracked as a gap. */
    private static final int MAX_GAP_OFFSET = 10_000;
    /** How often an append numbers its events again after finding an index taken. */
    private static final int INDEX_RETRIES = 5;
    /** How far below the allocated head a new head token looks for events still being written. */
    private static final int HEAD_LOOKBACK = 1_000;
    /**
     * A processor this many batches or more behind the head gets that many at once: a rebuild
     * then makes a tenth of the lookups (a replay of the thread read model: 3,569 -> 5,070
     * events/s, measured with the benchmark's replay).
     */
    static final int CATCH_UP_BATCHES = 10;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final Duration gapTimeout;
    private final Clock clock;
    private final Map<Long, Instant> gapsFirstSeen = new ConcurrentHashMap<>();
    private final java.util.Queue<Append> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.locks.ReentrantLock appending = new java.util.concurrent.locks.ReentrantLock();

    protected MongoEventLog(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database.withWriteConcern(builder.writeConcern);
        this.events = database.getCollection(EVENTS);
        this.snapshots = database.getCollection(SNAPSHOTS);
        this.counters = database.getCollection(COUNTERS);
        this.gapTimeout = builder.gapTimeout;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The unique stream key the per-aggregate concurrency check rests on; idempotent. */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true).name("stream_unique"));
    }

    static String stream(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "/" + sequenceNumber;
    }

    // ---- appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.isEmpty()) {
            return;
        }
        Append mine = prepare(messages, serializer);
        pending.add(mine);
        // Group commit: whoever holds the lock stores every append waiting by then, with one
        // counter update and one insert; the others find theirs done when they get the lock.
        appending.lock();
        try {
            if (mine.outcome == null) {
                List<Append> group = new ArrayList<>();
                for (Append next; (next = pending.poll()) != null; ) {
                    group.add(next);
                }
                store(group);
            }
        } finally {
            appending.unlock();
        }
        if (mine.outcome != Append.STORED) {
            throw mine.outcome;
        }
    }

    Append prepare(List<? extends EventMessage<?>> messages, Serializer serializer) {
        List<Document> docs = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            docs.add(toDocument(0, message, serializer));
        }
        return new Append(messages, docs);
    }

    /** One unit of work's events, waiting to be stored with others. */
    static final class Append {
        static final RuntimeException STORED = new RuntimeException("stored", null, false, false) {
        };

        final List<? extends EventMessage<?>> messages;
        final List<Document> docs;
        RuntimeException outcome;

        Append(List<? extends EventMessage<?>> messages, List<Document> docs) {
            this.messages = messages;
            this.docs = docs;
        }
    }

    /** Numbers the group's events in one counter update and inserts them in one ordered insert. */
    void store(List<Append> group) {
        List<Append> left = group;
        int retries = 0;
        while (!left.isEmpty()) {
            List<Document> docs = new ArrayList<>();
            left.forEach(a -> docs.addAll(a.docs));
            long index = allocate(docs.size()) - docs.size() + 1;
            for (Document doc : docs) {
                doc.put("_id", index++);
            }
            try {
                // Ordered: an error stops the insert there, so a unit of work is stored whole or
                // not at all. All events of a unit come from one aggregate, in sequence, so a
                // conflict with another writer is on its first event.
                events.insertMany(docs, new InsertManyOptions().ordered(true));
                left.forEach(a -> a.outcome = Append.STORED);
                return;
            } catch (MongoBulkWriteException e) {
                BulkWriteError error = e.getWriteErrors().get(0);
                int failed = error.getIndex();
                List<Append> rest = new ArrayList<>();
                int first = 0;
                for (Append append : left) {
                    int end = first + append.docs.size();
                    if (end <= failed) {
                        append.outcome = Append.STORED;
                    } else if (failed < first) {
                        rest.add(append);
                    } else if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        append.outcome = e;
                    } else if (indexTaken(docs.get(failed)) && retries < INDEX_RETRIES) {
                        // The index was taken: the counter is behind the store (restored from an
                        // older backup, say). Move it past the taken index; number this one again.
                        long taken = docs.get(failed).get("_id", Number.class).longValue();
                        counters.updateOne(eq("_id", EVENT_COUNTER), Updates.max("value", taken));
                        retries++;
                        rest.add(append);
                    } else {
                        append.outcome = conflict(append.messages.get(failed - first), e);
                    }
                    first = end;
                }
                left = rest;
            } catch (RuntimeException e) {
                left.forEach(a -> a.outcome = e);
                return;
            }
        }
    }

    /**
     * Which unique key a refused event ran into, told by the store rather than by the error's
     * text (an aggregate id may hold any text, "_id_" included): its global index is taken when
     * another event is stored under it; otherwise its stream position is.
     */
    private boolean indexTaken(Document refused) {
        Document holder = events.find(eq("_id", refused.get("_id"))).projection(new Document("stream", 1)).first();
        return holder != null && !java.util.Objects.equals(holder.get("stream"), refused.get("stream"));
    }

    private static ConcurrencyException conflict(EventMessage<?> first, Exception cause) {
        String what = first instanceof DomainEventMessage<?> d
                ? "aggregate " + d.getAggregateIdentifier() + " at sequence " + d.getSequenceNumber()
                : "event " + first.getIdentifier();
        return new ConcurrencyException("An event for " + what + " was stored by another writer first", cause);
    }

    /** Reserves {@code count} global indexes and answers the last of them. */
    private long allocate(int count) {
        Document counter = counters.findOneAndUpdate(eq("_id", EVENT_COUNTER), Updates.inc("value", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return counter.get("value", Number.class).longValue();
    }

    /**
     * The head of the store, for progress and lag: the highest global index written among the
     * last ones handed out. An index handed out and never written (its writer killed) is not a
     * position any processor can reach, and counting it showed a lag that never went away.
     */
    public long head() {
        long allocated = allocated();
        return writtenNear(allocated, HEAD_WINDOW).stream().mapToLong(Long::longValue).max().orElse(allocated);
    }

    /**
     * Indexes looked at below the allocated head for {@link #head()}: more than are ever in
     * flight at once. The admin status asks for the head of each read model every 2 s, and the
     * embedded server matches an {@code $in} against each document it finds, so a lookup of
     * {@value #HEAD_LOOKBACK} cost it a million comparisons each time, on the same threads that
     * serve the commands and projections.
     */
    private static final int HEAD_WINDOW = 64;

    /** The indexes written among the last {@code window} handed out, in one lookup. */
    private Set<Long> writtenNear(long allocated, int window) {
        Set<Long> written = new java.util.HashSet<>();
        if (allocated > 0) {
            long from = Math.max(1, allocated - window + 1);
            List<Long> ids = LongStream.rangeClosed(from, allocated).boxed().toList();
            events.find(in("_id", ids)).projection(new Document("_id", 1))
                    .forEach(d -> written.add(d.get("_id", Number.class).longValue()));
        }
        return written;
    }

    private long allocated() {
        Document counter = counters.find(eq("_id", EVENT_COUNTER)).first();
        return counter == null ? 0 : counter.get("value", Number.class).longValue();
    }

    Document toDocument(long index, EventMessage<?> message, Serializer serializer) {
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        String aggregate = message.getIdentifier();
        long sequence = 0;
        String type = null;
        if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            aggregate = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
            type = domain.getType();
        }
        return new Document("_id", index)
                .append("stream", stream(aggregate, sequence))
                .append("aggregateIdentifier", aggregate)
                .append("sequenceNumber", sequence)
                .append("type", type)
                .append("eventIdentifier", message.getIdentifier())
                .append("timestamp", message.getTimestamp().toString())
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData());
    }

    // ---- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document doc = toDocument(snapshot.getSequenceNumber(), snapshot, serializer);
        doc.put("_id", snapshot.getAggregateIdentifier());
        doc.remove("stream");
        try {
            // Only a newer snapshot replaces the stored one; one document per aggregate.
            snapshots.replaceOne(and(eq("_id", snapshot.getAggregateIdentifier()),
                    lt("sequenceNumber", snapshot.getSequenceNumber())), doc, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document doc = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return doc == null ? Stream.empty() : Stream.of(domainData(doc, aggregateIdentifier));
    }

    // ---- reading an aggregate

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
            int batchSize) {
        List<String> keys = LongStream.range(firstSequenceNumber, firstSequenceNumber + batchSize)
                .mapToObj(seq -> stream(aggregateIdentifier, seq)).toList();
        List<Document> found = new ArrayList<>();
        events.find(in("stream", keys)).into(found);
        found.sort(Comparator.comparingLong(d -> d.get("sequenceNumber", Number.class).longValue()));
        return found.stream().map(d -> domainData(d, d.getString("aggregateIdentifier"))).toList();
    }

    /**
     * Whether the aggregate has an event with this sequence number: one lookup of one key, for
     * checks that only ask whether anything happened since a version they know.
     */
    public boolean contains(String aggregateIdentifier, long sequenceNumber) {
        return events.find(eq("stream", stream(aggregateIdentifier, sequenceNumber)))
                .projection(new Document("_id", 1)).first() != null;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        long next = snapshot == null ? 0 : snapshot.get("sequenceNumber", Number.class).longValue() + 1;
        Long last = snapshot == null ? null : next - 1;
        while (true) {
            List<? extends DomainEventData<?>> batch = fetchDomainEvents(aggregateIdentifier, next, batchSize());
            if (batch.isEmpty()) {
                return Optional.ofNullable(last);
            }
            last = batch.get(batch.size() - 1).getSequenceNumber();
            if (batch.size() < batchSize()) {
                return Optional.of(last);
            }
            next = last + 1;
        }
    }

    // ---- tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = expireGaps(asGapAware(lastToken));
        long from = token.getIndex() + 1;
        long head = -1;
        int window = batchSize;
        if (!token.hasGaps()) {
            // A processor at the head asks this every poll: one lookup of the counter tells
            // that nothing was allocated since, without a window of lookups; and how many
            // indexes to look up, no more than were handed out.
            head = allocated();
            if (head < from) {
                return List.of();
            }
            window = (int) Math.min(head - from + 1, (long) CATCH_UP_BATCHES * batchSize);
        }
        List<Document> found = lookUp(token.getGaps(), from, window);
        if (found.isEmpty()) {
            // Indexes may have been allocated and never filled beyond this window (failed
            // appends); look further, up to the allocated head, so they cannot stall tracking.
            if (head < 0) {
                head = allocated();
            }
            while (found.isEmpty() && from + window <= head) {
                from += window;
                found = lookUp(Set.of(), from, window);
            }
        }
        List<TrackedEventData<?>> result = new ArrayList<>(found.size());
        for (Document doc : found) {
            long index = doc.get("_id", Number.class).longValue();
            token = token.advanceTo(index, MAX_GAP_OFFSET);
            noteGaps(token);
            result.add(new TrackedDomainEventData<>(token, domainData(doc, doc.getString("aggregateIdentifier"))));
        }
        return result;
    }

    private List<Document> lookUp(Set<Long> gaps, long from, int count) {
        List<Long> ids = new ArrayList<>(gaps.size() + count);
        ids.addAll(gaps);
        LongStream.range(from, from + count).forEach(ids::add);
        List<Document> found = new ArrayList<>();
        events.find(in("_id", ids)).into(found);
        found.sort(Comparator.comparingLong(d -> d.get("_id", Number.class).longValue()));
        return found;
    }

    private static GapAwareTrackingToken asGapAware(TrackingToken token) {
        if (token == null) {
            return GapAwareTrackingToken.newInstance(0, Set.of());
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("this event store tracks with GapAwareTrackingToken, not " + token);
    }

    private void noteGaps(GapAwareTrackingToken token) {
        Instant now = clock.instant();
        token.getGaps().forEach(gap -> gapsFirstSeen.putIfAbsent(gap, now));
    }

    /** Drops the gaps this process has seen stay empty for longer than the gap timeout. */
    private GapAwareTrackingToken expireGaps(GapAwareTrackingToken token) {
        if (!token.hasGaps()) {
            return token;
        }
        Instant now = clock.instant();
        TreeSet<Long> kept = new TreeSet<>();
        for (Long gap : token.getGaps()) {
            Instant seen = gapsFirstSeen.putIfAbsent(gap, now);
            if (seen == null || seen.plus(gapTimeout).isAfter(now)) {
                kept.add(gap);
            } else {
                gapsFirstSeen.remove(gap);
            }
        }
        gapsFirstSeen.keySet().removeIf(gap -> gap < token.getIndex() - MAX_GAP_OFFSET);
        return kept.size() == token.getGaps().size() ? token : GapAwareTrackingToken.newInstance(token.getIndex(), kept);
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /**
     * The highest index written, with the indexes below it handed out and not yet written kept
     * as gaps (their events, still being written, are delivered when they land). Indexes handed
     * out above it are tracked as the next ones: the token cannot name them as gaps (a gap lies
     * below the token's index), and after a crash some of them are never written at all.
     */
    @Override
    public TrackingToken createHeadToken() {
        long allocated = allocated();
        Set<Long> written = writtenNear(allocated, HEAD_LOOKBACK);
        long from = Math.max(1, allocated - HEAD_LOOKBACK + 1);
        long head = written.stream().mapToLong(Long::longValue).max().orElse(from - 1);
        List<Long> gaps = LongStream.range(from, head).filter(i -> !written.contains(i)).boxed().toList();
        return GapAwareTrackingToken.newInstance(head, gaps);
    }

    /**
     * A token from which tracking delivers the events stored at or after {@code dateTime}: a
     * binary search over the global index, one lookup by {@code _id} per step.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long low = 1;
        long high = allocated();
        long first = high + 1;
        while (low <= high) {
            long mid = (low + high) >>> 1;
            Document probe = nearest(mid, high);
            if (probe == null) {
                high = mid - 1;
                continue;
            }
            long index = probe.get("_id", Number.class).longValue();
            if (!Instant.parse(probe.getString("timestamp")).isBefore(dateTime)) {
                first = Math.min(first, index);
                high = mid - 1;
            } else {
                low = index + 1;
            }
        }
        return GapAwareTrackingToken.newInstance(first - 1, Set.of());
    }

    /** The stored event with the lowest index in [{@code from}, {@code to}], looked up a window at a time. */
    private Document nearest(long from, long to) {
        for (long start = from; start <= to; start += batchSize()) {
            List<Document> found = lookUp(Set.of(), start, (int) Math.min(batchSize(), to - start + 1));
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return null;
    }

    private static DomainEventData<String> domainData(Document d, String aggregateIdentifier) {
        return new GenericDomainEventEntry<>(d.getString("type"), aggregateIdentifier,
                d.get("sequenceNumber", Number.class).longValue(), d.getString("eventIdentifier"),
                d.getString("timestamp"), d.getString("payloadType"), d.getString("payloadRevision"),
                d.getString("payload"), d.getString("metaData"));
    }

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private WriteConcern writeConcern = WriteConcern.MAJORITY;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** Acknowledged means stored on a majority of the replica set, unless told otherwise. */
        public Builder writeConcern(WriteConcern writeConcern) {
            this.writeConcern = writeConcern;
            return this;
        }

        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public MongoEventLog build() {
            if (database == null) {
                throw new IllegalStateException("the event log needs a MongoDatabase");
            }
            return new MongoEventLog(this);
        }
    }
}
