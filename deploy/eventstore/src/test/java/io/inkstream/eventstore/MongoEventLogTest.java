package io.inkstream.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.inkstream.embedded.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of our event store, on the embedded MongoDB. */
class MongoEventLogTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    MongoDatabase db;
    MutableClock clock;
    MongoEventLog log;

    static final class MutableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(T0);

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    @BeforeEach
    void setUp() {
        db = TestServer.database("eventlog");
        clock = new MutableClock();
        log = logOn(db);
    }

    MongoEventLog logOn(MongoDatabase database) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventLog engine = MongoEventLog.builder()
                .database(database)
                .batchSize(100)
                .gapTimeout(Duration.ofSeconds(10))
                .clock(clock)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(new GreetedUpcaster()))
                .build();
        engine.ensureIndexes();
        return engine;
    }

    static DomainEventMessage<Greeted> event(String aggregate, long seq, String name) {
        return event(aggregate, seq, name, T0.plusSeconds(seq));
    }

    static DomainEventMessage<Greeted> event(String aggregate, long seq, String name, Instant at) {
        return new GenericDomainEventMessage<>("Greeting", aggregate, seq,
                new org.axonframework.messaging.GenericMessage<>(UUID.randomUUID().toString(),
                        new Greeted(name, "hi"), MetaData.with("principal", "jon")), () -> at);
    }

    List<TrackedEventMessage<?>> track(TrackingToken from) {
        return log.readEvents(from, false).<TrackedEventMessage<?>>map(e -> e).toList();
    }

    static List<String> names(List<? extends org.axonframework.eventhandling.EventMessage<?>> events) {
        return events.stream().map(e -> ((Greeted) e.getPayload()).name()).toList();
    }

    @Test
    void aConflictInAGroupOfAppendsFailsOnlyItsOwnUnitOfWork() {
        log.appendEvents(List.of(event("taken", 0, "first")));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventLog.Append before = log.prepare(List.of(event("a", 0, "a0"), event("a", 1, "a1")), serializer);
        MongoEventLog.Append clash = log.prepare(List.of(event("taken", 0, "second"), event("taken", 1, "third")),
                serializer);
        MongoEventLog.Append after = log.prepare(List.of(event("c", 0, "c0")), serializer);
        log.store(List.of(before, clash, after));
        assertThat(before.outcome).isSameAs(MongoEventLog.Append.STORED);
        assertThat(after.outcome).isSameAs(MongoEventLog.Append.STORED);
        assertThat(clash.outcome).isInstanceOf(AggregateStreamCreationException.class);
        assertThat(names(log.readEvents("taken").asStream().toList())).containsExactly("first");
        assertThat(names(track(null))).containsExactly("first", "a0", "a1", "c0");
    }

    @Test
    void appendsAndReadsPerAggregate() {
        log.appendEvents(List.of(event("a", 0, "a0"), event("a", 1, "a1")));
        log.appendEvents(List.of(event("b", 0, "b0")));
        log.appendEvents(List.of(event("a", 2, "a2")));
        List<DomainEventMessage<?>> a = log.readEvents("a").asStream().<DomainEventMessage<?>>map(e -> e).toList();
        assertThat(names(a)).containsExactly("a0", "a1", "a2");
        assertThat(a.get(1).getMetaData()).containsEntry("principal", "jon");
        assertThat(a.get(1).getTimestamp()).isEqualTo(T0.plusSeconds(1));
        assertThat(a.get(2).getSequenceNumber()).isEqualTo(2);
        assertThat(names(log.readEvents("a", 1).asStream().toList())).containsExactly("a1", "a2");
        assertThat(log.lastSequenceNumberFor("a")).contains(2L);
        assertThat(log.lastSequenceNumberFor("b")).contains(0L);
        assertThat(log.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    void aggregateLongerThanABatchReadsWhole() {
        List<DomainEventMessage<?>> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(event("long", i, "e" + i));
        }
        log.appendEvents(many);
        assertThat(log.readEvents("long").asStream().count()).isEqualTo(250);
        assertThat(log.lastSequenceNumberFor("long")).contains(249L);
    }

    @Test
    void secondAppendOfASequenceNumberFailsAndStoresNothing() {
        log.appendEvents(List.of(event("a", 0, "a0"), event("a", 1, "a1")));
        assertThatThrownBy(() -> log.appendEvents(List.of(event("a", 1, "other"), event("a", 2, "a2"))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(names(log.readEvents("a").asStream().toList())).containsExactly("a0", "a1");
        assertThat(names(track(null))).containsExactly("a0", "a1");
    }

    @Test
    void tracksFromTheStartInStoreOrder() {
        log.appendEvents(List.of(event("a", 0, "a0")));
        log.appendEvents(List.of(event("b", 0, "b0"), event("b", 1, "b1")));
        List<TrackedEventMessage<?>> all = track(log.createTailToken());
        assertThat(names(all)).containsExactly("a0", "b0", "b1");
        assertThat(all).extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex()).containsExactly(1L, 2L, 3L);
        assertThat(track(all.get(0).trackingToken())).hasSize(2);
        assertThat(track(all.get(2).trackingToken())).isEmpty();
    }

    @Test
    void tracksFromTheHead() {
        log.appendEvents(List.of(event("a", 0, "old")));
        TrackingToken head = log.createHeadToken();
        log.appendEvents(List.of(event("a", 1, "new")));
        assertThat(names(track(head))).containsExactly("new");
    }

    /**
     * A writer killed after taking its indexes leaves them empty at the head: a processor that
     * starts from the head then gets every later event once, and the head is where events are.
     */
    @Test
    void headTokenAfterWritersDiedHoldingTheLastIndexes() {
        log.appendEvents(List.of(event("a", 0, "old")));
        allocateWithoutWriting();
        log.appendEvents(List.of(event("b", 0, "older")));
        allocateWithoutWriting();
        allocateWithoutWriting(); // indexes 4 and 5 never written: their writer died
        assertThat(log.head()).isEqualTo(3);
        TrackingToken head = log.createHeadToken();
        assertThat(((GapAwareTrackingToken) head).getIndex()).isEqualTo(3);
        assertThat(track(head)).isEmpty();
        log.appendEvents(List.of(event("a", 1, "new1")));
        log.appendEvents(List.of(event("c", 0, "new2"), event("c", 1, "new3")));
        List<TrackedEventMessage<?>> seen = track(head);
        assertThat(names(seen)).containsExactly("new1", "new2", "new3");
        assertThat(track(seen.get(2).trackingToken())).isEmpty();
        assertThat(log.head()).isEqualTo(8);
    }

    @Test
    void tracksFromATime() {
        log.appendEvents(List.of(event("a", 0, "early", T0)));
        log.appendEvents(List.of(event("a", 1, "middle", T0.plusSeconds(60))));
        log.appendEvents(List.of(event("b", 0, "late", T0.plusSeconds(120))));
        assertThat(names(track(log.createTokenAt(T0.plusSeconds(30))))).containsExactly("middle", "late");
        assertThat(names(track(log.createTokenAt(T0.plusSeconds(60))))).containsExactly("middle", "late");
        assertThat(names(track(log.createTokenAt(T0.minusSeconds(1))))).containsExactly("early", "middle", "late");
        assertThat(track(log.createTokenAt(T0.plusSeconds(600)))).isEmpty();
    }

    @Test
    void replayTokensReportReplayUntilTheResetPoint() {
        log.appendEvents(List.of(event("a", 0, "a0"), event("a", 1, "a1")));
        TrackingToken atReset = track(null).get(1).trackingToken();
        log.appendEvents(List.of(event("a", 2, "after")));
        TrackingToken token = ReplayToken.createReplayToken(atReset, null);
        List<Boolean> replaying = new ArrayList<>();
        for (TrackedEventMessage<?> event : track(null)) {
            token = token instanceof ReplayToken replay ? replay.advancedTo(event.trackingToken()) : event.trackingToken();
            replaying.add(ReplayToken.isReplay(token));
        }
        assertThat(replaying).containsExactly(true, true, false);
    }

    /** Simulates a writer that allocated an index and has not stored its event yet. */
    void allocateWithoutWriting() {
        db.getCollection(MongoEventLog.COUNTERS).updateOne(Filters.eq("_id", "events"), Updates.inc("value", 1L));
    }

    @Test
    void eventCommittedLateBehindAHigherIndexIsDeliveredExactlyOnce() {
        log.appendEvents(List.of(event("a", 0, "first")));
        allocateWithoutWriting(); // index 2, still being written
        log.appendEvents(List.of(event("b", 0, "third")));
        List<TrackedEventMessage<?>> seen = track(null);
        assertThat(names(seen)).containsExactly("first", "third");
        GapAwareTrackingToken token = (GapAwareTrackingToken) seen.get(1).trackingToken();
        assertThat(token.getGaps()).containsExactly(2L);

        db.getCollection(MongoEventLog.EVENTS).insertOne(log.toDocument(2, event("c", 0, "late"),
                JacksonSerializer.defaultSerializer()));
        List<TrackedEventMessage<?>> late = track(token);
        assertThat(names(late)).containsExactly("late");
        assertThat(((GapAwareTrackingToken) late.get(0).trackingToken()).getGaps()).isEmpty();
        assertThat(track(late.get(0).trackingToken())).isEmpty();
    }

    @Test
    void concurrentAppendsAreEachStoredOnceAndTrackedOnceWhileWritten() throws Exception {
        int writers = 8;
        int each = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = "w" + w;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        // Two events a unit: a group must store each unit whole.
                        log.appendEvents(List.of(event(writer + "-" + i, 0, writer + "-" + i + "a"),
                                event(writer + "-" + i, 1, writer + "-" + i + "b")));
                    }
                }));
            }
            List<TrackedEventMessage<?>> seen = new ArrayList<>();
            AtomicReference<TrackingToken> token = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<TrackedEventMessage<?>> next = track(token.get());
                if (!next.isEmpty()) {
                    seen.addAll(next);
                    token.set(next.get(next.size() - 1).trackingToken());
                }
                return seen.size() >= writers * each * 2 && running.stream().allMatch(Future::isDone);
            });
            for (Future<?> writer : running) {
                writer.get();
            }
            assertThat(track(token.get())).isEmpty();
            List<String> names = names(seen);
            assertThat(names).doesNotHaveDuplicates().hasSize(writers * each * 2);
            // Each unit's events are stored next to each other, in order.
            for (int i = 0; i < names.size(); i += 2) {
                assertThat(names.get(i)).endsWith("a");
                assertThat(names.get(i + 1)).isEqualTo(names.get(i).replaceAll("a$", "b"));
            }
            assertThat(db.getCollection(MongoEventLog.EVENTS).countDocuments()).isEqualTo(writers * each * 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void gapThatStaysEmptyIsDroppedAfterTheTimeout() {
        log.appendEvents(List.of(event("a", 0, "first")));
        allocateWithoutWriting();
        log.appendEvents(List.of(event("b", 0, "third")));
        TrackingToken token = track(null).get(1).trackingToken();
        clock.advance(Duration.ofSeconds(5));
        log.appendEvents(List.of(event("b", 1, "fourth")));
        token = track(token).get(0).trackingToken();
        assertThat(((GapAwareTrackingToken) token).getGaps()).containsExactly(2L);
        clock.advance(Duration.ofSeconds(6));
        log.appendEvents(List.of(event("b", 2, "fifth")));
        List<TrackedEventMessage<?>> after = track(token);
        assertThat(names(after)).containsExactly("fifth");
        assertThat(((GapAwareTrackingToken) after.get(0).trackingToken()).getGaps()).isEmpty();
    }

    /** A client that tells {@code seen} of each command it sends. */
    static MongoClient watched(java.util.function.Consumer<CommandStartedEvent> seen) {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent e) {
                seen.accept(e);
            }
        };
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestServer.uri("inkstream"))).addCommandListener(listener).build());
    }

    @Test
    void pollAtTheHeadLooksUpOnlyTheCounter() {
        List<String> commands = new CopyOnWriteArrayList<>();
        try (MongoClient watched = watched(e -> commands.add(
                e.getCommandName() + " " + e.getCommand().get(e.getCommandName()).asString().getValue()))) {
            log = logOn(watched.getDatabase(db.getName()));
            log.appendEvents(List.of(event("a", 0, "a0")));
            TrackingToken head = track(null).get(0).trackingToken();
            commands.clear();

            assertThat(track(head)).isEmpty();
            // A processor with nothing new polls this several times a second, for as long as it runs.
            assertThat(commands).containsExactly("find " + MongoEventLog.COUNTERS);

            log.appendEvents(List.of(event("a", 1, "a1")));
            assertThat(names(track(head))).containsExactly("a1");
        }
    }

    @Test
    void aProcessorFarBehindReadsTenBatchesALookupAndOneNearTheHeadNoMoreThanWasHandedOut() {
        List<Integer> lookedUp = new CopyOnWriteArrayList<>();
        try (MongoClient watched = watched(e -> {
            if (e.getCommandName().equals("find") && e.getCommand().getString("find").getValue().equals(MongoEventLog.EVENTS)) {
                lookedUp.add(e.getCommand().getDocument("filter").getDocument("_id").getArray("$in").size());
            }
        })) {
            log = logOn(watched.getDatabase(db.getName()));
            List<DomainEventMessage<?>> many = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                many.add(event("long", i, "e" + i));
            }
            log.appendEvents(many);
            lookedUp.clear();
            List<TrackedEventMessage<?>> all = track(null);
            assertThat(all).hasSize(2_500);
            // Batches of 100: a rebuild reads 1,000 at a time, and stops at the head. The 2,500
            // were one unit of work: its last event is looked up once, to know it whole.
            assertThat(lookedUp).containsExactly(1_000, 1, 1_000, 500);

            log.appendEvents(List.of(event("long", 2_500, "one"), event("long", 2_501, "two")));
            lookedUp.clear();
            assertThat(names(track(all.get(2_499).trackingToken()))).containsExactly("one", "two");
            assertThat(lookedUp).containsExactly(2);
        }
    }

    @Test
    void longRunOfFailedAppendsDoesNotStallTracking() {
        log.appendEvents(List.of(event("a", 0, "before")));
        TrackingToken token = track(null).get(0).trackingToken();
        db.getCollection(MongoEventLog.COUNTERS).updateOne(Filters.eq("_id", "events"), Updates.inc("value", 350L));
        log.appendEvents(List.of(event("a", 1, "after")));
        assertThat(names(track(token))).containsExactly("after");
    }

    /** A conflict is told by the key it hit, not by the error's text: an id may read "_id_". */
    @Test
    void conflictOfAnAggregateWhoseIdReadsLikeTheIndexNameTakesOneIndex() {
        log.appendEvents(List.of(event("post_id_1", 0, "first")));
        long before = db.getCollection(MongoEventLog.COUNTERS).find(Filters.eq("_id", "events")).first()
                .get("value", Number.class).longValue();
        assertThatThrownBy(() -> log.appendEvents(List.of(event("post_id_1", 0, "again"))))
                .isInstanceOf(AggregateStreamCreationException.class);
        long after = db.getCollection(MongoEventLog.COUNTERS).find(Filters.eq("_id", "events")).first()
                .get("value", Number.class).longValue();
        assertThat(after - before).isEqualTo(1);
    }

    @Test
    void counterBehindTheStoreIsMovedPastTakenIndexes() {
        log.appendEvents(List.of(event("a", 0, "a0"), event("a", 1, "a1"), event("a", 2, "a2")));
        // As after restoring the counters from an older backup than the events.
        db.getCollection(MongoEventLog.COUNTERS).updateOne(Filters.eq("_id", "events"), Updates.set("value", 1L));
        log.appendEvents(List.of(event("b", 0, "b0")));
        assertThat(names(track(null))).containsExactly("a0", "a1", "a2", "b0");
        assertThatThrownBy(() -> log.appendEvents(List.of(event("b", 0, "again"))))
                .isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void snapshotShortensTheLoad() {
        for (int i = 0; i < 5; i++) {
            log.appendEvents(List.of(event("a", i, "e" + i)));
        }
        log.storeSnapshot(new GenericDomainEventMessage<>("Greeting", "a", 3, new Greeted("snapshot@3", "hi")));
        var store = org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder().storageEngine(log).build();
        try {
            List<DomainEventMessage<?>> load = store.readEvents("a").asStream().<DomainEventMessage<?>>map(e -> e).toList();
            assertThat(names(load)).containsExactly("snapshot@3", "e4");
        } finally {
            store.shutDown();
        }
        log.storeSnapshot(new GenericDomainEventMessage<>("Greeting", "a", 1, new Greeted("older", "hi")));
        assertThat(log.readSnapshot("a")).get().extracting(DomainEventMessage::getSequenceNumber).isEqualTo(3L);
        assertThat(log.lastSequenceNumberFor("a")).contains(4L);
    }

    @Test
    void olderRevisionIsUpcastOnRead() {
        Document stored = log.toDocument(1, event("a", 0, "Jane"), JacksonSerializer.defaultSerializer());
        stored.put("payloadRevision", "1");
        stored.put("payload", "{\"name\":\"Jane\"}");
        db.getCollection(MongoEventLog.COUNTERS).insertOne(new Document("_id", "events").append("value", 1L));
        db.getCollection(MongoEventLog.EVENTS).insertOne(stored);
        Greeted upcast = (Greeted) log.readEvents("a").next().getPayload();
        assertThat(upcast).isEqualTo(new Greeted("Jane", "hello"));
        assertThat(track(null).get(0).getPayload()).isEqualTo(new Greeted("Jane", "hello"));
    }

    @Test
    void storedEventIsReadableDocumentWithItsIndexAsId() {
        log.appendEvents(List.of(event("a", 0, "a0")));
        Document doc = db.getCollection(MongoEventLog.EVENTS).find().first();
        assertThat(doc.get("_id", Number.class).longValue()).isEqualTo(1L);
        assertThat(doc.getString("stream")).isEqualTo("a/0");
        assertThat(doc.getString("payloadType")).isEqualTo(Greeted.class.getName());
        assertThat(doc.getString("payloadRevision")).isEqualTo("2");
        assertThat(Map.of("payload", doc.getString("payload"))).extractingByKey("payload").asString().contains("a0");
    }
}
