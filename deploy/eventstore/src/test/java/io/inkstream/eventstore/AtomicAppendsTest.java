package io.inkstream.eventstore;

import static io.inkstream.eventstore.MongoEventLogTest.event;
import static io.inkstream.eventstore.MongoEventLogTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.inkstream.embedded.TestServer;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A unit of work's events are all seen, by loads and by tracking, or none are: when a later one
 * of them is refused, and when its writer dies between two of its writes.
 */
class AtomicAppendsTest {

    MongoDatabase db;
    MongoEventLogTest.MutableClock clock;

    /** What the JVM does to a thread when the process is killed: it runs nothing more of it. */
    static final class Killed extends Error {
    }

    @BeforeEach
    void setUp() {
        db = TestServer.database("atomic");
        clock = new MongoEventLogTest.MutableClock();
    }

    MongoEventLog.Builder builder() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return MongoEventLog.builder().database(db).batchSize(100).gapTimeout(Duration.ofSeconds(10)).clock(clock)
                .eventSerializer(serializer).snapshotSerializer(serializer);
    }

    MongoEventLog log() {
        MongoEventLog log = builder().build();
        log.ensureIndexes();
        return log;
    }

    /** A writer whose process dies after storing the first {@code written} events of an append. */
    MongoEventLog dyingAfter(int written) {
        MongoEventLog log = new MongoEventLog(builder()) {
            @Override
            void insert(List<Document> docs) {
                db.getCollection(EVENTS).insertMany(docs.subList(0, written));
                throw new Killed();
            }
        };
        log.ensureIndexes();
        return log;
    }

    static List<TrackedEventMessage<?>> track(MongoEventLog log, TrackingToken from) {
        return log.readEvents(from, false).<TrackedEventMessage<?>>map(e -> e).toList();
    }

    @Test
    void unitRefusedOnALaterEventLeavesNothingStored() {
        MongoEventLog log = log();
        log.appendEvents(List.of(event("taken", 0, "first")));
        assertThatThrownBy(() -> log.appendEvents(List.of(event("a", 0, "a0"), event("a", 1, "a1"),
                event("taken", 0, "second")))).isInstanceOf(AggregateStreamCreationException.class);
        assertThat(log.readEvents("a").asStream().count()).isZero();
        assertThat(names(track(log, null))).containsExactly("first");
        assertThat(db.getCollection(MongoEventLog.EVENTS).countDocuments()).isEqualTo(1);
        // Nothing of it holds a key: the aggregate takes its events afterwards.
        log.appendEvents(List.of(event("a", 0, "again")));
        assertThat(names(log.readEvents("a").asStream().toList())).containsExactly("again");
    }

    @Test
    void unitCutShortByAKilledWriterIsNeverSeenAfterRestart() {
        log().appendEvents(List.of(event("a", 0, "a0")));
        MongoEventLog dying = dyingAfter(2);
        assertThatThrownBy(() -> dying.appendEvents(List.of(event("a", 1, "a1"), event("b", 0, "b0"),
                event("a", 2, "a2")))).isInstanceOf(Killed.class);
        assertThat(db.getCollection(MongoEventLog.EVENTS).countDocuments()).isEqualTo(3);

        MongoEventLog restarted = log();
        assertThat(names(restarted.readEvents("a").asStream().toList())).containsExactly("a0");
        assertThat(restarted.readEvents("b").asStream().count()).isZero();
        assertThat(restarted.lastSequenceNumberFor("a")).contains(0L);
        assertThat(restarted.contains("b", 0)).isFalse();
        List<TrackedEventMessage<?>> seen = track(restarted, null);
        assertThat(names(seen)).containsExactly("a0");

        // Its writer is gone: once the gap timeout has passed, the next append at its position
        // takes the place, and tracking moves on past the dead unit's indexes.
        assertThatThrownBy(() -> restarted.appendEvents(List.of(event("a", 1, "too soon"))))
                .isInstanceOf(ConcurrencyException.class);
        clock.advance(Duration.ofDays(1));
        restarted.appendEvents(List.of(event("a", 1, "a1 again"), event("b", 0, "b0 again")));
        assertThat(names(restarted.readEvents("a").asStream().toList())).containsExactly("a0", "a1 again");
        assertThat(names(track(restarted, seen.get(0).trackingToken()))).containsExactly("a1 again", "b0 again");
        assertThat(db.getCollection(MongoEventLog.EVENTS).countDocuments(Filters.eq("eventIdentifier",
                null))).isZero();
        assertThat(db.getCollection(MongoEventLog.EVENTS).countDocuments()).isEqualTo(3);
    }

    @Test
    void unitOfAWriterKilledWithSigkillBetweenItsWritesIsNeverSeen() throws Exception {
        log().appendEvents(List.of(event("a", 0, "a0")));
        Process writer = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HalfAppend.class.getName(),
                TestServer.uri("inkstream"), db.getName())
                .redirectErrorStream(true).start();
        try {
            var said = new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream()));
            java.util.concurrent.CompletableFuture<Boolean> half = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> said.lines().anyMatch("half"::equals));
            assertThat(half.get(60, java.util.concurrent.TimeUnit.SECONDS)).as("the writer stored half its unit").isTrue();
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(db.getCollection(MongoEventLog.EVENTS).countDocuments()).isEqualTo(3);

        MongoEventLog restarted = log();
        assertThat(names(restarted.readEvents("a").asStream().toList())).containsExactly("a0");
        assertThat(restarted.readEvents("b").asStream().count()).isZero();
        assertThat(names(track(restarted, null))).containsExactly("a0");
        clock.advance(Duration.ofDays(1));
        restarted.appendEvents(List.of(event("a", 1, "a1 again")));
        assertThat(names(restarted.readEvents("a").asStream().toList())).containsExactly("a0", "a1 again");
    }

    @Test
    void unitStillBeingWrittenIsDeliveredWholeOnceItsLastEventLands() {
        MongoEventLog log = log();
        log.appendEvents(List.of(event("a", 0, "a0")));
        List<TrackedEventMessage<?>> first = track(log, null);
        // A writer between its writes: the first two of three events of a unit are stored.
        MongoEventLog writing = new MongoEventLog(builder()) {
            @Override
            void insert(List<Document> docs) {
                db.getCollection(EVENTS).insertMany(docs.subList(0, 2));
                assertThat(names(track(log, first.get(0).trackingToken()))).isEmpty();
                assertThat(log.readEvents("b").asStream().count()).isZero();
                log.appendEvents(List.of(event("c", 0, "c0")));
                assertThat(names(track(log, first.get(0).trackingToken()))).containsExactly("c0");
                db.getCollection(EVENTS).insertMany(docs.subList(2, docs.size()));
            }
        };
        writing.appendEvents(List.of(event("b", 0, "b0"), event("b", 1, "b1"), event("b", 2, "b2")));

        assertThat(names(log.readEvents("b").asStream().toList())).containsExactly("b0", "b1", "b2");
        List<TrackedEventMessage<?>> rest = track(log, first.get(0).trackingToken());
        assertThat(names(rest)).containsExactlyInAnyOrder("b0", "b1", "b2", "c0");
    }
}
