package io.inkstream.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.not;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
public class MongoEventLog extends BatchingEventStorageEngine implements EventLog {

    /*
     * The collections' names are not compile-time constants on purpose: a use of one outside
     * this module then stays a reference to this class, which BoundariesTest refuses.
     */
    public static final String EVENTS = String.valueOf("events");
    public static final String SNAPSHOTS = String.valueOf("snapshots");
    public static final String COUNTERS = String.valueOf("counters");
    private static final String EVENT_COUNTER = "events";
    /**
     * On the counter: how many events of watched aggregate types were numbered, and how many of
     * those their writers have since stored or given up on. Equal, no change is in flight.
     */
    private static final String CHANGES = "changes";
    private static final String SETTLED = "settled";
    /** The current unit of work's reads its append is held to. */
    private static final String EXPECTED = MongoEventLog.class.getName() + ".expected";
    /** The range of global indexes of a unit of work of several events, on each of them. */
    static final String UNIT = "unit";
    /** An event's hash, chained to the one before it in its stream ({@link Chain}). */
    static final String HASH = "hash";
    /** Set on an event whose payload was redacted: when, and what ordered it. */
    static final String REDACTED = "redacted";
    /** The most events one unit of work may append at once. */
    static final int MAX_UNIT = 10_000;
    /** How far below the head an unfilled index is still tracked as a gap. */
    private static final int MAX_GAP_OFFSET = 10_000;
    /** How often an append numbers its events again after finding an index taken. */
    private static final int INDEX_RETRIES = 5;
    /** The longest a caller waits for its append without looking whether it may store it itself. */
    private static final Duration WAKE_UP_BOUND = Duration.ofMillis(50);
    /** How far below the allocated head a new head token looks for events still being written. */
    private static final int HEAD_LOOKBACK = 1_000;
    /**
     * A processor this many batches or more behind the head gets that many at once: a rebuild
     * then makes a tenth of the lookups, which is most of its cost (README, Performance).
     */
    static final int CATCH_UP_BATCHES = 10;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final Duration gapTimeout;
    private final Clock clock;
    private final Checkpoints checkpoints;
    private final Set<String> watched;
    /** The counter's change count as this process last saw it with no change in flight. */
    private final AtomicLong changesSeen = new AtomicLong();
    /** Changes seen in flight, and since when: a writer that died before settling them leaves them so. */
    private volatile Unsettled unsettled;
    private final Map<Long, Instant> gapsFirstSeen = new ConcurrentHashMap<>();
    private final Queue<Append> pending = new ConcurrentLinkedQueue<>();
    /** Groups of appends stored at once (appendEvents). */
    private final Semaphore turns = new Semaphore(2);
    /** The hash of the last event seen of a stream, by its key: what the next one chains to. */
    private final Cache<String, String> hashes =
            Caffeine.newBuilder().maximumSize(100_000).build();
    /** Units of work seen whole, by their range: stored events are not removed once visible. */
    private final Cache<List<?>, Boolean> completeUnits =
            Caffeine.newBuilder().maximumSize(10_000).build();

    protected MongoEventLog(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database.withWriteConcern(builder.writeConcern);
        this.events = database.getCollection(EVENTS);
        this.snapshots = database.getCollection(SNAPSHOTS);
        this.counters = database.getCollection(COUNTERS);
        this.gapTimeout = builder.gapTimeout;
        this.clock = builder.clock;
        this.watched = builder.watched.aggregateTypes();
        this.checkpoints = new Checkpoints(this, events, database.getCollection(Checkpoints.CHECKPOINTS), gapTimeout,
                batchSize());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The unique keys the store rests on; idempotent. The stream key makes a second event at
     * one position of an aggregate fail, the event key a second event with one identifier.
     */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true).name("stream_unique"));
        events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true).name("event_unique"));
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
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root().getResource(EXPECTED) instanceof List<?> expected) {
            expected.forEach(e -> mine.hold((Expected) e));
        }
        pending.add(mine);
        // Group commit: a caller that gets a turn stores every append waiting by then, with one
        // counter update and one insert, and wakes their callers; when it gives the turn back,
        // it wakes the caller of the first append still waiting, to store the next group. Two
        // turns at once: one group numbered while another is inserted, where one alone left
        // the callers waiting for round trips in turn. A caller waits for its own append, not
        // for a turn: behind a turn it would sit out a group it is not in.
        boolean interrupted = false;
        while (mine.outcome == null) {
            if (turns.tryAcquire()) {
                storeWaiting();
            } else {
                // Bounded: a wake-up missed by a race not foreseen here costs this, not a hung caller.
                LockSupport.parkNanos(this, WAKE_UP_BOUND.toNanos());
                // Its append is stored or refused whatever the caller is told meanwhile: wait
                // for that as a lock does, and hand the interrupt back after (not spin on it).
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.outcome != Append.STORED) {
            throw mine.outcome;
        }
    }

    /** Stores the appends waiting, in this caller's turn; every one of them has its outcome after. */
    private void storeWaiting() {
        List<Append> group = new ArrayList<>();
        try {
            for (Append next; (next = pending.poll()) != null; ) {
                group.add(next);
            }
            if (!group.isEmpty()) {
                store(group);
            }
        } catch (Throwable e) {
            RuntimeException failed = e instanceof RuntimeException r ? r
                    : new EventStoreException("The events could not be stored", e);
            group.stream().filter(a -> a.outcome == null).forEach(a -> a.outcome = failed);
            if (e instanceof Error error) {
                throw error; // in the thread it struck, as it came; the others are told by theirs
            }
        } finally {
            turns.release();
            group.forEach(a -> LockSupport.unpark(a.caller));
            Append first = pending.peek();
            if (first != null) {
                LockSupport.unpark(first.caller);
            }
        }
    }

    Append prepare(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.size() > MAX_UNIT) {
            throw new EventStoreException("A unit of work may append at most " + MAX_UNIT + " events, not "
                    + messages.size());
        }
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
        /** Whom to wake when it is stored, or when it is first in line to store the next group. */
        final Thread caller = Thread.currentThread();
        /** The stream keys that must still be free when it is numbered. */
        final Set<String> free = new HashSet<>();
        /** The change count they were known free at: the lowest of its reads'. */
        long changes = Long.MAX_VALUE;
        volatile RuntimeException outcome;

        Append(List<? extends EventMessage<?>> messages, List<Document> docs) {
            this.messages = messages;
            this.docs = docs;
        }

        void hold(Expected expected) {
            free.add(expected.key());
            changes = Math.min(changes, expected.changes());
        }

        boolean held() {
            return !free.isEmpty();
        }
    }

    /** A read an append is held to: no event at {@code key} as of change count {@code changes}. */
    record Expected(String key, long changes) {
    }

    @Override
    public OptionalLong changesSeen() {
        return OptionalLong.of(changesSeen.get());
    }

    @Override
    public void expectUnchanged(String aggregateType, String aggregateIdentifier, long sequenceNumber,
            long changesSeen) {
        if (!watched.contains(aggregateType)) {
            throw new IllegalArgumentException("Events of " + aggregateType + " are not counted as changes: a read of "
                    + aggregateIdentifier + " cannot be held");
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().<List<Expected>>getOrComputeResource(EXPECTED, k -> new ArrayList<>())
                    .add(new Expected(stream(aggregateIdentifier, sequenceNumber), changesSeen));
        }
    }

    /**
     * Numbers the group's events in one counter update and inserts them in one ordered insert.
     * A unit of work of several events is marked with the range of indexes it was given, and is
     * visible to readers only once every index of that range holds it: a unit cut short (a
     * conflict on a later event, or a writer that died between two of its events) is never seen,
     * and its stored part is removed, by its writer at once or by whoever next runs into it.
     */
    void store(List<Append> group) {
        // Held appends first: they are checked against the store as it stood before this group,
        // so a watched event of the same group must come after them.
        List<Append> left = new ArrayList<>(group.stream().filter(Append::held).toList());
        group.stream().filter(a -> !a.held()).forEach(left::add);
        chain(left);
        int retries = 0;
        int rechecks = 0;
        while (!left.isEmpty()) {
            List<Document> docs = new ArrayList<>();
            left.forEach(a -> docs.addAll(a.docs));
            long changes = docs.stream().filter(d -> d.get("type") instanceof String t && watched.contains(t)).count();
            long last = allocate(docs.size(), changes, left);
            if (last < 0) {
                left = recheck(left, rechecks++ < INDEX_RETRIES);
                continue;
            }
            try {
                left = insert(left, docs, last - docs.size() + 1, retries++ < INDEX_RETRIES);
            } finally {
                settle(changes);
            }
        }
    }

    /**
     * Inserts the group's events numbered from {@code index}; answers the appends to number
     * again ({@code mayRetry}: an index taken, or a key held by a dead writer's leftovers), the
     * others having their outcome.
     */
    private List<Append> insert(List<Append> left, List<Document> docs, long index, boolean mayRetry) {
        for (Append append : left) {
            List<Long> unit = List.of(index, index + append.docs.size() - 1);
            for (Document doc : append.docs) {
                doc.put("_id", index++);
                if (append.docs.size() > 1) {
                    doc.put(UNIT, unit);
                }
            }
        }
        try {
            insert(docs);
            left.forEach(this::stored);
            return List.of();
        } catch (MongoBulkWriteException e) {
            BulkWriteError error = e.getWriteErrors().get(0);
            int failed = error.getIndex();
            List<Append> rest = new ArrayList<>();
            int first = 0;
            for (Append append : left) {
                int end = first + append.docs.size();
                if (end <= failed) {
                    stored(append);
                } else if (failed < first) {
                    rest.add(append);
                } else {
                    // Its events before the refused one are stored but not visible (the unit
                    // is incomplete); take them back so that they hold no key.
                    withdraw(append.docs.subList(0, failed - first));
                    Document refused = docs.get(failed);
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        append.outcome = translate(e, append.messages.get(failed - first));
                    } else if (mayRetry && (indexTaken(refused) || removedOrphanAt(refused))) {
                        // The index was taken (the counter is behind the store, restored from
                        // an older backup, say), or the key by a unit its dead writer left
                        // incomplete: move on, and number this one again.
                        rest.add(append);
                    } else {
                        append.outcome = translate(e, append.messages.get(failed - first));
                    }
                }
                first = end;
            }
            return rest;
        } catch (RuntimeException e) {
            left.forEach(a -> a.outcome = e);
            return List.of();
        }
    }

    /** One ordered insert; a test stands in for it to cut an append short. */
    void insert(List<Document> docs) {
        events.insertMany(docs, new InsertManyOptions().ordered(true));
    }

    private void stored(Append append) {
        append.outcome = Append.STORED;
        for (Document doc : append.docs) {
            if (doc.get("stream") instanceof String key) {
                hashes.put(key, doc.getString(HASH));
            }
        }
    }

    /** Removes events this writer stored of a unit it could not complete. */
    private void withdraw(List<Document> stored) {
        if (!stored.isEmpty()) {
            events.deleteMany(in("_id", stored.stream().map(d -> d.get("_id")).toList()));
        }
    }

    /** Axon's reading of a refused append, by the builder's persistence exception resolver. */
    private RuntimeException translate(Exception cause, EventMessage<?> refused) {
        try {
            handlePersistenceException(cause, refused);
            return new EventStoreException("An event could not be stored", cause);
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * Fills in each event's hash, chained to the one before it in its stream: from this batch,
     * from those this process stored or read, else looked up with one query for the group.
     */
    private void chain(List<Append> group) {
        Set<String> wanted = new HashSet<>();
        for (Append append : group) {
            for (Document doc : append.docs) {
                String previous = previousKey(doc);
                if (previous != null && hashes.getIfPresent(previous) == null) {
                    wanted.add(previous);
                }
                if (doc.get("stream") instanceof String key) {
                    wanted.remove(key);
                }
            }
        }
        Map<String, String> known = hashesAt(wanted);
        for (Append append : group) {
            for (Document doc : append.docs) {
                String previous = previousKey(doc);
                String before = previous == null ? Chain.START
                        : Objects.requireNonNullElse(known.getOrDefault(previous, hashes.getIfPresent(previous)), Chain.START);
                doc.put(HASH, Chain.event(before, doc));
                if (doc.get("stream") instanceof String key) {
                    known.put(key, doc.getString(HASH));
                }
            }
        }
    }

    /**
     * The hashes of the events readers see at these stream keys, in one lookup; an event stored
     * before chains came in has {@link Chain#START}. What an event chains to, and what verifying
     * it checks against.
     */
    Map<String, String> hashesAt(Collection<String> keys) {
        Map<String, String> found = new HashMap<>();
        if (!keys.isEmpty()) {
            List<Document> docs = new ArrayList<>();
            events.find(in("stream", List.copyOf(keys))).projection(new Document("stream", 1).append(HASH, 1).append(UNIT, 1))
                    .into(docs);
            visible(docs).forEach(d -> found.put(d.getString("stream"), Objects.requireNonNullElse(d.getString(HASH), Chain.START)));
        }
        return found;
    }

    /** The stream key of the event before this one of its aggregate; none for a first event or one of no aggregate. */
    static String previousKey(Document doc) {
        Number sequence = doc.get("sequenceNumber", Number.class);
        String aggregate = doc.getString("aggregateIdentifier");
        return aggregate == null || sequence == null || sequence.longValue() == 0 ? null
                : stream(aggregate, sequence.longValue() - 1);
    }

    /**
     * Which unique key a refused event ran into, told by the store rather than by the error's
     * text (an aggregate id may hold any text, "_id_" included, and the driver does not pass on
     * the index a duplicate hit): its global index is taken when another event is stored under
     * it; otherwise its stream position or its event id is. When it is its index, the counter is
     * moved past it.
     */
    private boolean indexTaken(Document refused) {
        Document holder = events.find(eq("_id", refused.get("_id")))
                .projection(new Document("eventIdentifier", 1)).first();
        if (holder == null || Objects.equals(holder.get("eventIdentifier"), refused.get("eventIdentifier"))) {
            return false;
        }
        counters.updateOne(eq("_id", EVENT_COUNTER), Updates.max("value", refused.get("_id", Number.class).longValue()));
        return true;
    }

    /**
     * Whether the refused event's stream position is held by an incomplete unit left longer ago
     * than the gap timeout (its writer died between two of its events), which is then removed:
     * no reader ever saw it, and tracking has given up on its indexes by then.
     */
    private boolean removedOrphanAt(Document refused) {
        if (!(refused.get("stream") instanceof String key)) {
            return false;
        }
        Document holder = events.find(eq("stream", key)).first();
        if (holder == null || !holder.containsKey(UNIT) || !visible(List.of(holder)).isEmpty()) {
            return false;
        }
        Instant written = Instant.parse(holder.getString("timestamp"));
        if (written.plus(gapTimeout).isAfter(clock.instant())) {
            return false;
        }
        List<Number> unit = holder.getList(UNIT, Number.class);
        long first = unit.get(0).longValue();
        long last = unit.get(1).longValue();
        events.deleteMany(and(in("_id", LongStream.rangeClosed(first, last).boxed().toList()), eq(UNIT, unit)));
        return true;
    }

    /**
     * The documents of {@code found} that readers may see: all but those of a unit of work whose
     * first or last event is not stored under its range. An ordered insert stores the last one
     * last, and every removal of an incomplete unit takes its first one, so these two tell. What
     * the found ones do not show is looked up in one query; a unit once seen whole is remembered.
     */
    List<Document> visible(List<Document> found) {
        if (found.stream().noneMatch(d -> d.containsKey(UNIT))) {
            return found;
        }
        Map<Long, Object> units = new HashMap<>();
        found.forEach(d -> units.put(d.get("_id", Number.class).longValue(), d.get(UNIT)));
        Set<Long> missing = new TreeSet<>();
        for (Document doc : found) {
            if (doc.get(UNIT) instanceof List<?> unit && unit.size() == 2 && completeUnits.getIfPresent(unit) == null) {
                for (Object end : unit) {
                    if (end instanceof Number n && !units.containsKey(n.longValue())) {
                        missing.add(n.longValue());
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            events.find(in("_id", List.copyOf(missing))).projection(new Document(UNIT, 1))
                    .forEach(d -> units.put(d.get("_id", Number.class).longValue(), d.get(UNIT)));
        }
        List<Document> result = new ArrayList<>(found.size());
        for (Document doc : found) {
            if (!(doc.get(UNIT) instanceof List<?> unit)) {
                result.add(doc);
            } else if (completeUnits.getIfPresent(unit) != null) {
                result.add(doc);
            } else if (unit.size() == 2 && unit.stream().allMatch(end -> end instanceof Number n
                    && unit.equals(units.get(n.longValue())))) {
                completeUnits.put(unit, Boolean.TRUE);
                result.add(doc);
            }
        }
        return result;
    }

    /** Whether MongoDB refused a write for a duplicate key: Axon's reading of a conflict. */
    static boolean duplicateKey(Exception e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    /**
     * Whether a store may lose the latest writes to this collection in a crash, and so answer
     * them before they are on disk: the counter. Each raise is followed by the insert of the
     * events it numbered, which is committed with it, or after it; a raise lost with nothing
     * inserted under it leaves the counter behind the store, which an append meets as an index
     * taken, and moves on.
     */
    public static boolean mayLoseLatestWrites(String collection) {
        return COUNTERS.equals(collection);
    }

    /**
     * Reserves {@code count} global indexes and answers the last of them, counting
     * {@code changes} in the same update; -1 if an append of {@code group} is held to a change
     * count the counter has passed.
     */
    private long allocate(int count, long changes, List<Append> group) {
        Bson update = changes == 0 ? Updates.inc("value", (long) count)
                : Updates.combine(Updates.inc("value", (long) count), Updates.inc(CHANGES, changes));
        long held = group.stream().filter(Append::held).mapToLong(a -> a.changes).min().orElse(-1);
        // Not "at most": a counter from before change counts has none, and holds for every read.
        Bson filter = held < 0 ? eq("_id", EVENT_COUNTER) : and(eq("_id", EVENT_COUNTER), not(gt(CHANGES, held)));
        Document counter = counters.findOneAndUpdate(filter, update,
                new FindOneAndUpdateOptions().upsert(held < 0).returnDocument(ReturnDocument.AFTER));
        if (counter == null) {
            return -1;
        }
        see(counter);
        return counter.get("value", Number.class).longValue();
    }

    /**
     * Learns the change count from the counter, if no change was in flight: every change it
     * counts is then stored, and a read made after this sees them all. Changes left in flight
     * for a gap timeout, the counter unmoved meanwhile, were numbered by a writer that died
     * before settling them (a live one stores its events well within that, as tracking
     * assumes): they are settled for it, or no read would be trusted again.
     */
    private void see(Document counter) {
        long changes = count(counter, CHANGES);
        long settled = count(counter, SETTLED);
        if (settled < changes) {
            Unsettled now = new Unsettled(changes, settled, clock.instant());
            Unsettled before = unsettled;
            if (before == null || before.changes() != changes || before.settled() != settled) {
                unsettled = now;
                return;
            }
            if (before.since().plus(gapTimeout).isAfter(now.since()) || counters.updateOne(and(eq("_id", EVENT_COUNTER),
                    eq(CHANGES, changes), eq(SETTLED, settled)), Updates.set(SETTLED, changes)).getModifiedCount() == 0) {
                return;
            }
        }
        changesSeen.accumulateAndGet(changes, Math::max);
    }

    private record Unsettled(long changes, long settled, Instant since) {
    }

    /** A count kept on the counter; none on a counter from before it was kept. */
    private static long count(Document counter, String field) {
        return counter.get(field) instanceof Number n ? n.longValue() : 0;
    }

    /** Counts {@code changes} numbered by this writer as stored, or given up on. */
    void settle(long changes) {
        if (changes > 0) {
            see(counters.findOneAndUpdate(eq("_id", EVENT_COUNTER), Updates.inc(SETTLED, changes),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        }
    }

    /**
     * The held appends of {@code group} whose reads still hold, now held to the counter's change
     * count, and the rest of the group; the others fail with {@link StaleRead}. A change was
     * counted since some of them were read: whether it is one of theirs is one lookup. That sees
     * every change stored by then, as a read would; one still in flight it may not, and the
     * append may then come after it in the store, as a command sent at the same moment may.
     * {@code again} false: the counter keeps moving faster than this; all held ones fail.
     */
    private List<Append> recheck(List<Append> group, boolean again) {
        // Read by an update that creates it if missing: a held allocation does not create it.
        Document counter = counters.findOneAndUpdate(eq("_id", EVENT_COUNTER), Updates.inc("value", 0L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        see(counter);
        long now = count(counter, CHANGES);
        Set<String> keys = new HashSet<>();
        group.stream().filter(a -> a.held() && a.changes < now).forEach(a -> keys.addAll(a.free));
        Set<String> taken = again ? hashesAt(keys).keySet() : keys;
        List<Append> rest = new ArrayList<>(group.size());
        for (Append append : group) {
            if (!append.held() || append.changes >= now) {
                rest.add(append);
            } else if (append.free.stream().anyMatch(taken::contains)) {
                append.outcome = new StaleRead(again ? "Changed while the command was handled: "
                        + String.join(", ", append.free.stream().filter(taken::contains).sorted().toList())
                        : "Changes came faster than the command could be stored");
            } else {
                append.changes = now;
                rest.add(append);
            }
        }
        return rest;
    }

    /**
     * The head of the store, for progress and lag: the highest global index written among the
     * last ones handed out. An index handed out and never written (its writer killed) is not a
     * position any processor can reach, and counting it showed a lag that never went away.
     */
    @Override
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
        Set<Long> written = new HashSet<>();
        if (allocated > 0) {
            long from = Math.max(1, allocated - window + 1);
            List<Long> ids = LongStream.rangeClosed(from, allocated).boxed().toList();
            events.find(in("_id", ids)).projection(new Document("_id", 1))
                    .forEach(d -> written.add(d.get("_id", Number.class).longValue()));
        }
        return written;
    }

    long allocated() {
        Document counter = counters.find(eq("_id", EVENT_COUNTER)).first();
        return counter == null ? 0 : counter.get("value", Number.class).longValue();
    }

    Document toDocument(long index, EventMessage<?> message, Serializer serializer) {
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        Document doc = new Document("_id", index);
        if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            doc.append("stream", stream(domain.getAggregateIdentifier(), domain.getSequenceNumber()))
                    .append("aggregateIdentifier", domain.getAggregateIdentifier())
                    .append("sequenceNumber", domain.getSequenceNumber())
                    .append("type", domain.getType());
        } else {
            // An event of no aggregate: a key no aggregate's position can equal (a document,
            // never a string), so that the unique stream key holds it too.
            doc.append("stream", new Document("event", message.getIdentifier()));
        }
        return doc.append("eventIdentifier", message.getIdentifier())
                .append("timestamp", message.getTimestamp().toString())
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData());
    }

    // ---- audit

    /**
     * Writes the next checkpoint of the global order, if enough has been stored since the last
     * one for a gap timeout; answers whether it did. Call it now and then, from any process.
     */
    public boolean checkpoint() {
        return checkpoints.write(clock.instant());
    }

    @Override
    public Verification verify() {
        return checkpoints.verify();
    }

    @Override
    public void redact(String aggregateIdentifier, long sequenceNumber, String payload, String reason) {
        events.updateOne(eq("stream", stream(aggregateIdentifier, sequenceNumber)), Updates.combine(
                Updates.set("payload", payload),
                Updates.set(REDACTED, new Document("at", new java.util.Date()).append("reason", reason))));
    }

    @Override
    public List<StoredEvent> window(long from, int count) {
        return visibleAt(Math.max(1, from), count).stream().map(MongoEventLog::storedEvent).toList();
    }

    @Override
    public List<StoredEvent> stream(String aggregateIdentifier, long firstSequence, int count) {
        return streamAt(aggregateIdentifier, firstSequence, count).stream().map(MongoEventLog::storedEvent).toList();
    }

    /** The events readers see of an aggregate from {@code firstSequence}, at most {@code count}, in order. */
    private List<Document> streamAt(String aggregateIdentifier, long firstSequence, int count) {
        List<String> keys = LongStream.range(firstSequence, firstSequence + count)
                .mapToObj(seq -> stream(aggregateIdentifier, seq)).toList();
        List<Document> found = new ArrayList<>();
        events.find(in("stream", keys)).into(found);
        found.sort(Comparator.comparingLong(d -> d.get("sequenceNumber", Number.class).longValue()));
        return visible(found);
    }

    private static StoredEvent storedEvent(Document d) {
        DomainEventData<String> data = domainData(d);
        return new StoredEvent(d.get("_id", Number.class).longValue(), data.getAggregateIdentifier(),
                data.getSequenceNumber(), data.getType(), data.getEventIdentifier(), d.getString("timestamp"),
                d.getString("payloadType"), d.getString("payloadRevision"), d.getString("payload"),
                d.getString("metaData"));
    }

    // ---- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document doc = toDocument(snapshot.getSequenceNumber(), snapshot, serializer);
        doc.put("_id", snapshot.getAggregateIdentifier());
        doc.remove("stream");
        doc.remove(HASH);
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
        return doc == null ? Stream.empty() : Stream.of(domainData(doc));
    }

    // ---- reading an aggregate

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
            int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>(batchSize);
        long expected = firstSequenceNumber;
        Document last = null;
        for (Document doc : streamAt(aggregateIdentifier, firstSequenceNumber, batchSize)) {
            long sequence = doc.get("sequenceNumber", Number.class).longValue();
            if (sequence != expected++) {
                break;
            }
            result.add(domainData(doc));
            last = doc;
        }
        if (last != null && result.size() < batchSize) {
            // The stream's last event: what a command on this aggregate appends next chains to.
            hashes.put(last.getString("stream"), Objects.requireNonNullElse(last.getString(HASH), Chain.START));
        }
        return result;
    }

    /**
     * Whether the aggregate has an event with this sequence number: one lookup of one key, for
     * checks that only ask whether anything happened since a version they know.
     */
    @Override
    public boolean contains(String aggregateIdentifier, long sequenceNumber) {
        Document found = events.find(eq("stream", stream(aggregateIdentifier, sequenceNumber)))
                .projection(new Document("_id", 1).append(UNIT, 1)).first();
        return found != null && !visible(List.of(found)).isEmpty();
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
        List<Document> found = visible(lookUp(token.getGaps(), from, window));
        if (found.isEmpty()) {
            // Indexes may have been allocated and never filled beyond this window (failed
            // appends); look further, up to the allocated head, so they cannot stall tracking.
            if (head < 0) {
                head = allocated();
            }
            while (found.isEmpty() && from + window <= head) {
                from += window;
                found = visible(lookUp(Set.of(), from, window));
            }
        }
        List<TrackedEventData<?>> result = new ArrayList<>(found.size());
        for (Document doc : found) {
            long index = doc.get("_id", Number.class).longValue();
            token = token.advanceTo(index, MAX_GAP_OFFSET);
            noteGaps(token);
            result.add(new TrackedDomainEventData<>(token, domainData(doc)));
        }
        return result;
    }

    /** The events readers see with global indexes in [{@code from}, {@code from + count}), in store order. */
    List<Document> visibleAt(long from, int count) {
        return visible(lookUp(Set.of(), from, count));
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

    /**
     * A stored event as Axon reads it; one of no aggregate has no aggregate identifier, so that
     * it reads back as the plain event it was. (Stores of before that gave it its own id as
     * aggregate, with the key "id/0".)
     */
    private static DomainEventData<String> domainData(Document d) {
        Number sequence = d.get("sequenceNumber", Number.class);
        String aggregate = d.getString("aggregateIdentifier");
        if (d.getString("type") == null && Objects.equals(aggregate, d.getString("eventIdentifier"))) {
            aggregate = null;
        }
        return new GenericDomainEventEntry<>(d.getString("type"), aggregate,
                sequence == null ? 0 : sequence.longValue(), d.getString("eventIdentifier"),
                d.getString("timestamp"), d.getString("payloadType"), d.getString("payloadRevision"),
                d.getString("payload"), d.getString("metaData"));
    }

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private WriteConcern writeConcern = WriteConcern.MAJORITY;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Watched watched = new Watched(Set.of());

        public Builder() {
            persistenceExceptionResolver(MongoEventLog::duplicateKey);
        }

        @Override
        public Builder persistenceExceptionResolver(
                org.axonframework.common.jdbc.PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

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

        /** Whose events count as changes, so that reads of them can be held ({@link #expectUnchanged}). */
        public Builder watched(Watched watched) {
            this.watched = watched;
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
