package io.inkstream.bench;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.inkstream.embedded.EmbeddedMongo;
import io.inkstream.eventstore.MongoEventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Our event store against axon-mongo's, on one embedded MongoDB, in one run: appends per
 * second with 1 and 8 writers, and the time to load an aggregate and to fetch a tracking batch
 * with 10,000 and with 100,000 events stored. Prints {@code RATIO name value} lines with the
 * raw figures beside them.
 */
final class EventStoreBench {

    record Payload(String postId, String body, String authorName) {
    }

    private final int appendCount;
    private final int probes;
    private final int small;
    private final int large;

    EventStoreBench(boolean quick) {
        this.appendCount = quick ? 1_000 : 4_000;
        this.probes = quick ? 50 : 200;
        this.small = 10_000;
        this.large = quick ? 50_000 : 100_000;
    }

    void run() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
             MongoClient client = MongoClients.create(mongo.uri("bench"))) {
            Map<String, Supplier<EventStorageEngine>> engines = Map.of(
                    "inkstream", () -> ours(client.getDatabase("ours-" + UUID.randomUUID())),
                    "axon-mongo", () -> axonMongo(client.getDatabase("axon-" + UUID.randomUUID())));
            Figures ours = measure("inkstream", engines.get("inkstream").get());
            Figures theirs = measure("axon-mongo", engines.get("axon-mongo").get());
            System.out.printf("RATIO event_store_append_1 %.2f (ours %.0f/s, axon-mongo %.0f/s)%n",
                    ours.append1 / theirs.append1, ours.append1, theirs.append1);
            System.out.printf("RATIO event_store_append_8 %.2f (ours %.0f/s, axon-mongo %.0f/s)%n",
                    ours.append8 / theirs.append8, ours.append8, theirs.append8);
            System.out.printf("RATIO event_store_load_growth %.2f (ours: %.3f ms at %d, %.3f ms at %d events; target <= 1.20)%n",
                    ours.loadLarge / ours.loadSmall, ours.loadSmall, small, ours.loadLarge, large);
            System.out.printf("RATIO event_store_fetch_growth %.2f (ours: %.3f ms at %d, %.3f ms at %d events; target <= 1.20)%n",
                    ours.fetchLarge / ours.fetchSmall, ours.fetchSmall, small, ours.fetchLarge, large);
            System.out.printf("RATIO event_store_axon_mongo_load_growth %.2f (axon-mongo: %.3f ms at %d, %.3f ms at %d)%n",
                    theirs.loadLarge / theirs.loadSmall, theirs.loadSmall, small, theirs.loadLarge, large);
            System.out.printf("RATIO event_store_axon_mongo_fetch_growth %.2f (axon-mongo: %.3f ms at %d, %.3f ms at %d)%n",
                    theirs.fetchLarge / theirs.fetchSmall, theirs.fetchSmall, small, theirs.fetchLarge, large);
        }
    }

    /** Events stored in the engine being measured; counted here, since axon-mongo cannot count cheaply. */
    private long stored;

    static final class Figures {
        double append1;
        double append8;
        double loadSmall;
        double loadLarge;
        double fetchSmall;
        double fetchLarge;
    }

    private Figures measure(String name, EventStorageEngine engine) throws Exception {
        Figures f = new Figures();
        stored = 0;
        // Warm up: the JIT and the server's structures, away from the figures.
        appendSingles(engine, appendCount, 1);
        appendSingles(engine, appendCount, 8);
        f.append1 = appendSingles(engine, appendCount, 1);
        f.append8 = appendSingles(engine, appendCount, 8);
        String aggregate = "long-" + UUID.randomUUID();
        List<EventMessage<?>> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            history.add(event(aggregate, i));
        }
        engine.appendEvents(history);
        stored += history.size();
        fill(engine, small);
        TrackingToken middle = ((TrackedEventMessage<?>) engine.readEvents(null, false).skip(small / 2).findFirst()
                .orElseThrow()).trackingToken();
        f.loadSmall = timeLoad(engine, aggregate);
        f.fetchSmall = timeFetch(engine, middle);
        fill(engine, large);
        f.loadLarge = timeLoad(engine, aggregate);
        f.fetchLarge = timeFetch(engine, middle);
        System.out.printf("%s: append 1 writer %.0f/s, 8 writers %.0f/s; load %.3f/%.3f ms, fetch %.3f/%.3f ms "
                + "(at %d/%d events)%n", name, f.append1, f.append8, f.loadSmall, f.loadLarge, f.fetchSmall,
                f.fetchLarge, small, large);
        return f;
    }

    private static EventMessage<?> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Reply", aggregate, sequence,
                new Payload(UUID.randomUUID().toString(), "A reply of ordinary length, about one sentence. ".repeat(4),
                        "Reader"), MetaData.with("principal", "anonymous").and("correlationId", UUID.randomUUID().toString()));
    }

    /** Single-event appends, each to a new aggregate as AddReply does: events per second. */
    private double appendSingles(EventStorageEngine engine, int count, int writers) throws Exception {
        stored += count;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < count / writers; i++) {
                    engine.appendEvents(List.of(event(UUID.randomUUID().toString(), 0)));
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return (count / writers) * writers / seconds;
    }

    /** Appends in batches of 100 until about {@code total} events are stored. */
    private void fill(EventStorageEngine engine, int total) {
        while (stored < total) {
            List<EventMessage<?>> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(event(UUID.randomUUID().toString(), 0));
            }
            engine.appendEvents(batch);
            stored += batch.size();
        }
    }

    private double timeLoad(EventStorageEngine engine, String aggregate) {
        for (int i = 0; i < probes; i++) {
            engine.readEvents(aggregate).asStream().count();
        }
        long start = System.nanoTime();
        for (int i = 0; i < probes; i++) {
            if (engine.readEvents(aggregate).asStream().count() != 20) {
                throw new IllegalStateException("aggregate load lost events");
            }
        }
        return (System.nanoTime() - start) / 1e6 / probes;
    }

    /** The time to fetch one tracking batch (100 events) from a fixed point. */
    private double timeFetch(EventStorageEngine engine, TrackingToken from) {
        // axon-mongo's fetch scans and sorts the whole collection on the embedded server
        // (seconds each at 50,000 events): a few probes tell its cost well enough.
        int n = engine instanceof MongoEventLog ? probes : 3;
        for (int i = 0; i < n; i++) {
            engine.readEvents(from, false).limit(100).count();
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            engine.readEvents(from, false).limit(100).count();
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }

    private static EventStorageEngine ours(MongoDatabase database) {
        MongoEventLog log = MongoEventLog.builder().database(database).writeConcern(WriteConcern.ACKNOWLEDGED)
                .batchSize(100)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer()).build();
        log.ensureIndexes();
        return log;
    }

    private static EventStorageEngine axonMongo(MongoDatabase database) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .batchSize(100)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer()).build();
        engine.ensureIndexes();
        return engine;
    }
}
