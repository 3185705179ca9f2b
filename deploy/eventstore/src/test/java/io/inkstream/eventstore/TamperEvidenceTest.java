package io.inkstream.eventstore;

import static io.inkstream.eventstore.MongoEventLogTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.inkstream.embedded.TestServer;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An event changed with a MongoDB client, as by someone with access to the database, is found. */
class TamperEvidenceTest {

    MongoDatabase db;
    MongoCollection<Document> events;
    MongoEventLogTest.MutableClock clock;
    MongoEventLog log;

    @BeforeEach
    void setUp() {
        db = TestServer.database("tamper");
        events = db.getCollection(MongoEventLog.EVENTS);
        clock = new MongoEventLogTest.MutableClock();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        log = MongoEventLog.builder().database(db).batchSize(10).gapTimeout(Duration.ofSeconds(10)).clock(clock)
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        log.ensureIndexes();
    }

    /** 25 events over three aggregates, one unit of several, one event of no aggregate; checkpointed. */
    void fill() {
        for (int i = 0; i < 8; i++) {
            log.appendEvents(List.of(event("a", i, "a" + i)));
            log.appendEvents(List.of(event("b", i, "b" + i)));
        }
        log.appendEvents(List.of(event("c", 0, "c0"), event("c", 1, "c1"), event("c", 2, "c2"), event("a", 8, "a8")));
        log.appendEvents(List.of(new GenericEventMessage<>("no aggregate")));
        for (int i = 8; i < 12; i++) {
            log.appendEvents(List.of(event("b", i, "b" + i)));
        }
        checkpoint();
    }

    void checkpoint() {
        log.checkpoint();
        clock.advance(Duration.ofSeconds(11));
        assertThat(log.checkpoint()).isTrue();
    }

    long positionOf(String aggregate, long sequence) {
        return events.find(Filters.eq("stream", aggregate + "/" + sequence)).first().get("_id", Number.class).longValue();
    }

    @Test
    void cleanStoreVerifies() {
        fill();
        EventLog.Verification verification = log.verify();
        assertThat(verification.verified()).isTrue();
        assertThat(verification.firstBroken()).isNull();
        assertThat(verification.events()).isEqualTo(25);
        assertThat(verification.unchained()).isZero();
        assertThat(verification.checkpoints()).isEqualTo(1);
        assertThat(verification.checkpointedUpTo()).isEqualTo(25);

        log.appendEvents(List.of(event("a", 9, "a9")));
        checkpoint();
        assertThat(log.verify()).satisfies(v -> {
            assertThat(v.verified()).isTrue();
            assertThat(v.checkpoints()).isEqualTo(2);
            assertThat(v.events()).isEqualTo(26);
        });
    }

    @Test
    void payloadChangedWithTheDriverIsFoundAtItsPosition() {
        fill();
        long position = positionOf("b", 5);
        events.updateOne(Filters.eq("_id", position), Updates.set("payload", "{\"name\":\"forged\",\"greeting\":\"hi\"}"));
        EventLog.Verification verification = log.verify();
        assertThat(verification.verified()).isFalse();
        assertThat(verification.firstBroken()).isEqualTo(new EventLog.Broken(position, "b", 5L, "event-hash"));
    }

    @Test
    void aRedactionKeepsTheChainWholeAndIsCountedButAHashChangedWithItIsFound() {
        fill();
        String erased = "{\"name\":\"[erased]\",\"greeting\":\"b5\"}";
        log.redact("b", 5, erased, "erasure of email:x");
        assertThat(log.stream("b", 5, 1).get(0).payload()).isEqualTo(erased);
        EventLog.Verification verification = log.verify();
        assertThat(verification.verified()).isTrue();
        assertThat(verification.redacted()).isEqualTo(1);
        assertThat(verification.events()).isEqualTo(25);
        // A redaction does not excuse a changed hash: the next event's link and the checkpoint hold it.
        long position = positionOf("b", 5);
        events.updateOne(Filters.eq("_id", position), Updates.set("hash", "0".repeat(64)));
        assertThat(log.verify().verified()).isFalse();
    }

    @Test
    void streamRechainedAfterAnEditIsFoundByTheCheckpoint() {
        fill();
        // An attacker who knows the algorithm changes an event and computes its hash and the
        // hashes after it in its stream again: each stream's chain holds, the checkpoint does not.
        Document changed = events.find(Filters.eq("stream", "b/10")).first();
        changed.put("payload", "{\"name\":\"forged\",\"greeting\":\"hi\"}");
        Document before = events.find(Filters.eq("stream", "b/9")).first();
        String hash = Chain.event(before.getString("hash"), changed);
        events.updateOne(Filters.eq("_id", changed.get("_id")), Updates.combine(
                Updates.set("payload", changed.getString("payload")), Updates.set("hash", hash)));
        Document next = events.find(Filters.eq("stream", "b/11")).first();
        events.updateOne(Filters.eq("_id", next.get("_id")), Updates.set("hash", Chain.event(hash, next)));

        EventLog.Broken broken = log.verify().firstBroken();
        assertThat(broken.reason()).isEqualTo("checkpoint");
        assertThat(broken.position()).isEqualTo(1);
    }

    @Test
    void removedEventBreaksTheChainOfTheNextInItsStream() {
        fill();
        long removed = positionOf("a", 3);
        long next = positionOf("a", 4);
        events.deleteOne(Filters.eq("_id", removed));
        assertThat(log.verify().firstBroken()).isEqualTo(new EventLog.Broken(next, "a", 4L, "event-hash"));
    }

    @Test
    void hashRemovedFromAChainedEventIsFound() {
        fill();
        long position = positionOf("c", 1);
        events.updateOne(Filters.eq("_id", position), Updates.unset("hash"));
        assertThat(log.verify().firstBroken()).isEqualTo(new EventLog.Broken(position, "c", 1L, "hash-missing"));
    }

    @Test
    void storeOfBeforeChainsGainsThemFromItsNextEvent() {
        for (int i = 0; i < 3; i++) {
            log.appendEvents(List.of(event("a", i, "a" + i)));
        }
        events.updateMany(Filters.exists("hash"), Updates.unset("hash"));
        // A new process, as after the upgrade: it knows no hash of the stream yet.
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        log = MongoEventLog.builder().database(db).batchSize(10).gapTimeout(Duration.ofSeconds(10)).clock(clock)
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        log.appendEvents(List.of(event("a", 3, "a3")));
        checkpoint();
        EventLog.Verification verification = log.verify();
        assertThat(verification.verified()).isTrue();
        assertThat(verification.unchained()).isEqualTo(3);
        assertThat(verification.chainedFrom()).isEqualTo(4L);

        // From the checkpoint on, the old events are covered too.
        events.updateOne(Filters.eq("_id", 2L), Updates.set("payload", "{\"name\":\"forged\",\"greeting\":\"hi\"}"));
        assertThat(log.verify().firstBroken()).isEqualTo(new EventLog.Broken(1, null, null, "checkpoint"));
    }
}
