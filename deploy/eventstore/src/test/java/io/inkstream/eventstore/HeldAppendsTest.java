package io.inkstream.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An append held to a read of another aggregate ("the post had no event at 3 when the reply was
 * checked") is stored only if that still holds when it is numbered, and checking it costs no
 * query while no watched event was stored since. Two logs on one database are two processes.
 */
class HeldAppendsTest {

    static final EventLog.Watched WATCHED = new EventLog.Watched(Set.of("Post"));

    MongoClient client;
    MongoDatabase db;
    /** Queries of the events collection: what a check of a read costs. */
    AtomicInteger eventFinds = new AtomicInteger();
    MongoEventLog here;
    MongoEventLog there;
    final MongoEventLogTest.MutableClock clock = new MongoEventLogTest.MutableClock();

    @BeforeEach
    void setUp() {
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")
                        && MongoEventLog.EVENTS.equals(event.getCommand().getString("find").getValue())) {
                    eventFinds.incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestServer.uri("inkstream"))).addCommandListener(counting)
                .build());
        db = client.getDatabase("held-" + UUID.randomUUID().toString().substring(0, 8));
        here = log();
        there = log();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    MongoEventLog.Builder builder() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return MongoEventLog.builder().database(db).watched(WATCHED).eventSerializer(serializer)
                .snapshotSerializer(serializer).clock(clock).gapTimeout(Duration.ofSeconds(10));
    }

    MongoEventLog log() {
        MongoEventLog log = builder().build();
        log.ensureIndexes();
        return log;
    }

    static DomainEventMessage<Greeted> event(String type, String aggregate, long seq, String name) {
        return new GenericDomainEventMessage<>(type, aggregate, seq, new Greeted(name, "hi"));
    }

    /** A reply to {@code post}, held to its read at {@code version} (its next sequence number). */
    static void reply(MongoEventLog log, String reply, String post, long version, long changes) {
        DefaultUnitOfWork<?> work = DefaultUnitOfWork.startAndGet(null);
        try {
            log.expectUnchanged("Post", post, version, changes);
            work.onPrepareCommit(u -> log.appendEvents(List.of(event("Reply", reply, 0, reply))));
            work.commit();
        } finally {
            if (work.isActive()) {
                work.rollback();
            }
        }
    }

    List<String> stored() {
        List<String> names = new ArrayList<>();
        db.getCollection(MongoEventLog.EVENTS).find().sort(new Document("_id", 1))
                .forEach(d -> names.add(d.getString("aggregateIdentifier") + "/" + d.get("sequenceNumber")));
        return names;
    }

    @Test
    void heldAppendCostsNoLookupWhileNothingWatchedChanged() {
        here.appendEvents(List.of(event("Post", "p", 0, "published")));
        long seen = here.changesSeen().orElseThrow();
        assertThat(seen).isEqualTo(1);
        eventFinds.set(0);
        for (int i = 0; i < 20; i++) {
            reply(here, "r" + i, "p", 1, seen);
        }
        // Replies are not watched: the count stays, and no reply looked at the post.
        there.appendEvents(List.of(event("Reply", "other", 0, "elsewhere")));
        reply(here, "r20", "p", 1, seen);
        assertThat(eventFinds).hasValue(0);
        assertThat(stored()).hasSize(23);
    }

    @Test
    void heldAppendFailsWhenItsAggregateChangedElsewhere() {
        here.appendEvents(List.of(event("Post", "p", 0, "published")));
        long seen = here.changesSeen().orElseThrow();
        there.appendEvents(List.of(event("Post", "p", 1, "replies closed")));
        assertThatThrownBy(() -> reply(here, "late", "p", 1, seen)).isInstanceOf(StaleRead.class)
                .hasMessageContaining("p/1");
        assertThat(stored()).containsExactly("p/0", "p/1");
        // The count it failed on is now known: read again at it, the reply is stored.
        assertThat(here.changesSeen()).hasValue(2);
        reply(here, "late", "p", 2, here.changesSeen().orElseThrow());
        assertThat(stored()).containsExactly("p/0", "p/1", "late/0");
    }

    @Test
    void heldAppendStandsWhenAnotherAggregateChanged() {
        here.appendEvents(List.of(event("Post", "p", 0, "published"), event("Post", "q", 0, "published")));
        long seen = here.changesSeen().orElseThrow();
        there.appendEvents(List.of(event("Post", "q", 1, "edited")));
        eventFinds.set(0);
        reply(here, "r1", "p", 1, seen);
        // One lookup found p unchanged; the next read at the new count needs none.
        assertThat(eventFinds).hasValue(1);
        reply(here, "r2", "p", 1, here.changesSeen().orElseThrow());
        assertThat(eventFinds).hasValue(1);
        assertThat(stored()).containsExactly("p/0", "q/0", "q/1", "r1/0", "r2/0");
    }

    @Test
    void heldAppendOfAGroupIsStoredBeforeAChangeInTheSameGroup() {
        here.appendEvents(List.of(event("Post", "p", 0, "published")));
        long seen = here.changesSeen().orElseThrow();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventLog.Append close = here.prepare(List.of(event("Post", "p", 1, "replies closed")), serializer);
        MongoEventLog.Append reply = here.prepare(List.of(event("Reply", "r", 0, "r")), serializer);
        reply.hold(new MongoEventLog.Expected(MongoEventLog.stream("p", 1), seen));
        here.store(List.of(close, reply));
        // Read while the post was open, it is stored while it was: before the close.
        assertThat(stored()).containsExactly("p/0", "r/0", "p/1");
        assertThat(reply.outcome).isSameAs(MongoEventLog.Append.STORED);
        assertThat(close.outcome).isSameAs(MongoEventLog.Append.STORED);
    }

    /**
     * Replies from four writers of one process, each keeping its read of the post while the
     * change count stays (as the command side does), while another process changes the post:
     * no reply is stored that did not read every change acknowledged before it was sent.
     */
    @Test
    void noReplyIsStoredWithoutAChangeAcknowledgedBeforeIt() throws Exception {
        here.appendEvents(List.of(event("Post", "p", 0, "published")));
        record Read(long version, long changes) {
        }
        Map<String, Long> readAt = new ConcurrentHashMap<>();
        Map<String, Long> ackedBefore = new ConcurrentHashMap<>();
        AtomicLong acked = new AtomicLong();
        AtomicInteger stale = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                Read known = null;
                for (int i = 0; !done.get(); i++) {
                    String reply = "r" + writer + "-" + i;
                    ackedBefore.put(reply, acked.get());
                    long seen = here.changesSeen().orElseThrow();
                    if (known == null || known.changes() != seen) {
                        known = new Read(here.lastSequenceNumberFor("p").orElseThrow() + 1, seen);
                    }
                    readAt.put(reply, known.version());
                    try {
                        reply(here, reply, "p", known.version(), known.changes());
                    } catch (StaleRead e) {
                        stale.incrementAndGet();
                    }
                }
            }));
        }
        for (int seq = 1; seq <= 30; seq++) {
            there.appendEvents(List.of(event("Post", "p", seq, "edit " + seq)));
            acked.set(seq);
            Thread.sleep(5);
        }
        done.set(true);
        for (Future<?> writer : running) {
            writer.get(30, TimeUnit.SECONDS);
        }
        writers.shutdown();
        int replies = 0;
        for (String key : stored()) {
            String id = key.split("/")[0];
            if (!id.equals("p")) {
                replies++;
                assertThat(readAt.get(id)).as("%s: the post's version it read", id).isGreaterThan(ackedBefore.get(id));
            }
        }
        assertThat(replies).isPositive();
        assertThat(stale).hasPositiveValue();
    }

    /**
     * A change numbered but not yet stored is not taken as seen: a read made then would miss it,
     * and be trusted after the change was acknowledged.
     */
    @Test
    void changeInFlightIsNotSeenUntilStored() throws Exception {
        here.appendEvents(List.of(event("Post", "p", 0, "published")));
        CountDownLatch numbered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventLog slow = new MongoEventLog(builder()) {
            @Override
            void insert(List<Document> docs) {
                numbered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.insert(docs);
            }
        };
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> closing = writer.submit(() -> slow.appendEvents(List.of(event("Post", "p", 1, "replies closed"))));
        assertThat(numbered.await(10, TimeUnit.SECONDS)).isTrue();
        // This process numbers a reply meanwhile, and learns of the counted change.
        here.appendEvents(List.of(event("Reply", "r1", 0, "r1")));
        assertThat(here.changesSeen()).hasValue(1);
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        writer.shutdown();
        here.appendEvents(List.of(event("Reply", "r2", 0, "r2")));
        assertThat(here.changesSeen()).hasValue(2);
    }

    /**
     * A writer that dies between numbering a change and settling it leaves it in flight for
     * good; after a gap timeout with the counter unmoved, it is settled for it, and reads are
     * trusted again.
     */
    @Test
    void changeLeftInFlightByADeadWriterIsSettledAfterTheGapTimeout() {
        here.appendEvents(List.of(event("Post", "p", 0, "published")));
        MongoEventLog dying = new MongoEventLog(builder()) {
            @Override
            void settle(long changes) {
                throw new AtomicAppendsTest.Killed();
            }
        };
        assertThatThrownBy(() -> dying.appendEvents(List.of(event("Post", "p", 1, "replies closed"))))
                .isInstanceOf(AtomicAppendsTest.Killed.class);
        here.appendEvents(List.of(event("Reply", "r1", 0, "r1")));
        clock.now.set(clock.now.get().plusSeconds(9));
        here.appendEvents(List.of(event("Reply", "r2", 0, "r2")));
        assertThat(here.changesSeen()).as("in flight for less than the gap timeout").hasValue(1);
        clock.now.set(clock.now.get().plusSeconds(2));
        here.appendEvents(List.of(event("Reply", "r3", 0, "r3")));
        assertThat(here.changesSeen()).hasValue(2);
        // Its reads are held to the count again, with no lookup.
        eventFinds.set(0);
        reply(here, "r4", "p", 2, 2);
        assertThat(eventFinds).hasValue(0);
        assertThat(stored()).containsExactly("p/0", "p/1", "r1/0", "r2/0", "r3/0", "r4/0");
    }

    @Test
    void counterFromBeforeChangeCountsHoldsEveryRead() {
        here.appendEvents(List.of(event("Post", "p", 0, "published")));
        db.getCollection(MongoEventLog.COUNTERS).updateOne(Filters.eq("_id", "events"), Updates.unset("changes"));
        reply(here, "r", "p", 1, 0);
        assertThat(stored()).containsExactly("p/0", "r/0");
    }

    @Test
    void readOfAnUnwatchedTypeCannotBeHeld() {
        assertThatThrownBy(() -> here.expectUnchanged("Reply", "r", 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Reply");
    }
}
