package io.inkstream.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.inkstream.embedded.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * Eight writers, on shared and on separate aggregates, while two trackers read: every event
 * reaches each tracker exactly once, and each aggregate's events arrive in sequence order.
 */
class MongoEventLogConcurrencyTest {

    static final int WRITERS = 8;
    static final int PER_WRITER = 40;
    static final List<String> SHARED = List.of("shared-1", "shared-2");

    record Seen(String eventId, String aggregate, long sequence) {
    }

    @Test
    void everyEventReachesEachTrackerOnceInOrderPerAggregate() throws Exception {
        try (MongoClient client = MongoClients.create(TestServer.uri("inkstream"))) {
            MongoEventLog log = MongoEventLog.builder()
                    .database(client.getDatabase("concurrency-" + UUID.randomUUID().toString().substring(0, 8)))
                    .batchSize(50)
                    .eventSerializer(JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(JacksonSerializer.defaultSerializer())
                    .build();
            log.ensureIndexes();

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<List<Seen>> trackers = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            for (List<Seen> seen : trackers) {
                pool.submit(() -> track(log, seen, writing));
            }
            Map<String, Integer> conflicts = new ConcurrentHashMap<>();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String own = "own-" + w;
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < PER_WRITER; i++) {
                        String aggregate = i % 2 == 0 ? own : SHARED.get((writer + i) % SHARED.size());
                        appendNext(log, aggregate, "w" + writer + "-" + i, conflicts);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            int total = WRITERS * PER_WRITER;
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> trackers.stream().allMatch(seen -> seen.size() >= total));
            writing.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            for (List<Seen> seen : trackers) {
                assertThat(seen).hasSize(total);
                assertThat(seen.stream().map(Seen::eventId).distinct().count()).isEqualTo(total);
                Map<String, Long> lastSequence = new HashMap<>();
                for (Seen event : seen) {
                    Long previous = lastSequence.put(event.aggregate(), event.sequence());
                    assertThat(event.sequence()).as("order of %s", event.aggregate())
                            .isEqualTo(previous == null ? 0 : previous + 1);
                }
            }
            // The shared aggregates were contended, and each conflict was a clean retry.
            assertThat(conflicts.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
            Set<String> aggregates = new HashSet<>(SHARED);
            for (int w = 0; w < WRITERS; w++) {
                aggregates.add("own-" + w);
            }
            long stored = aggregates.stream().mapToLong(a -> log.lastSequenceNumberFor(a).orElse(-1L) + 1).sum();
            assertThat(stored).isEqualTo(total);
        }
    }

    static void appendNext(MongoEventLog log, String aggregate, String name, Map<String, Integer> conflicts) {
        while (true) {
            long next = log.lastSequenceNumberFor(aggregate).map(s -> s + 1).orElse(0L);
            try {
                log.appendEvents(List.of(MongoEventLogTest.event(aggregate, next, name)));
                return;
            } catch (ConcurrencyException | org.axonframework.modelling.command.AggregateStreamCreationException e) {
                conflicts.merge(aggregate, 1, Integer::sum);
            }
        }
    }

    static void track(MongoEventLog log, List<Seen> seen, AtomicBoolean writing) {
        TrackingToken token = null;
        while (writing.get()) {
            List<TrackedEventMessage<?>> batch = log.readEvents(token, false).<TrackedEventMessage<?>>map(e -> e).toList();
            for (TrackedEventMessage<?> event : batch) {
                DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
                seen.add(new Seen(event.getIdentifier(), domain.getAggregateIdentifier(), domain.getSequenceNumber()));
                token = event.trackingToken();
            }
            if (batch.isEmpty()) {
                Thread.onSpinWait();
            }
        }
    }
}
