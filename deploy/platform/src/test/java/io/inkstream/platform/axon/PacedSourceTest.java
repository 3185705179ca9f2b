package io.inkstream.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.inkstream.eventstore.MongoEventLog;
import io.inkstream.platform.testing.TestMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A paced source reads our event store at once, then at the head no more often than its pace,
 * also while events keep coming; it loses none and repeats none.
 */
class PacedSourceTest {

    MongoClient client;
    MongoEventLog log;
    /** Queries of the store: a batch its stream fetches is one or two (its counter, its events). */
    AtomicInteger reads = new AtomicInteger();
    /** Queries of its events alone: none while nothing was stored since the last read. */
    AtomicInteger eventReads = new AtomicInteger();

    @BeforeEach
    void setUp() {
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    reads.incrementAndGet();
                    if (MongoEventLog.EVENTS.equals(event.getCommand().getString("find").getValue())) {
                        eventReads.incrementAndGet();
                    }
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestMongo.uri())).addCommandListener(counting).build());
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        log = MongoEventLog.builder()
                .database(client.getDatabase("paced-" + UUID.randomUUID()))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        log.ensureIndexes();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    void store(List<?> payloads) {
        log.appendEvents(payloads.stream().map(GenericEventMessage::asEventMessage).toList());
    }

    static List<Object> take(BlockingStream<TrackedEventMessage<?>> stream, int count) throws InterruptedException {
        List<Object> taken = new ArrayList<>();
        while (taken.size() < count && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
            taken.add(stream.nextAvailable().getPayload());
        }
        return taken;
    }

    static List<String> named(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void aBacklogComesAtOnceAndWhatFollowsAfterThePace() throws Exception {
        List<String> backlog = named("e", 250);
        store(backlog);
        long start = System.nanoTime();
        try (var stream = new PacedSource(log, Duration.ofMillis(300)).openStream(null)) {
            assertThat(take(stream, 250)).isEqualTo(backlog);
            // As a processor does, it asks again: the head is reached.
            assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
            store(List.of("late"));
            assertThat(take(stream, 1)).containsExactly("late");
            // Read a pace after the first read, not when asked (that takes milliseconds).
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        }
    }

    @Test
    void atTheHeadTheStoreIsReadOncePerPace() throws Exception {
        try (var stream = new PacedSource(log, Duration.ofMillis(200)).openStream(null)) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
                assertThat(stream.hasNextAvailable(20, TimeUnit.MILLISECONDS)).isFalse();
            }
            long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
            // One read at once, then one per 200 ms, each of two queries of the counter (nothing
            // was stored; Java's stream asks its source twice at the end); asked every 20 ms, an
            // unpaced stream reads 50 times.
            assertThat(reads.get()).isBetween(1, 2 * ((int) (elapsed / 200) + 1));
        }
    }

    @Test
    void whileEventsKeepComingTheStoreIsReadAboutOncePerPace() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                store(List.of("w" + written.getAndIncrement()));
            }
        });
        List<Object> taken = new ArrayList<>();
        long start = System.nanoTime();
        try (var stream = new PacedSource(log, Duration.ofMillis(200)).openStream(null)) {
            while (System.nanoTime() - start < Duration.ofMillis(1500).toNanos()) {
                if (stream.hasNextAvailable(20, TimeUnit.MILLISECONDS)) {
                    taken.add(stream.nextAvailable().getPayload());
                }
            }
            long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
            int during = reads.get();
            writing.set(false);
            writer.get(10, TimeUnit.SECONDS);
            taken.addAll(take(stream, written.get() - taken.size()));
            // A read fetches up to the events stored after it began, a batch or two of two queries;
            // the store's own stream, never ending under appends, fetched after every few events.
            assertThat(during).isBetween(1, 6 * ((int) (elapsed / 200) + 1));
            assertThat(taken).isEqualTo(named("w", written.get()));
        }
    }

    /** Handlers of two types, as a processing group's class declares them. */
    static final class Handlers {
        @EventHandler
        void on(Integer number) {
        }

        @EventHandler(payloadType = Long.class)
        void on() {
        }

        void notAHandler(String text) {
        }
    }

    @Test
    void passesOverWhatTheProcessorHasNoHandlerFor() throws Exception {
        assertThat(PacedSource.handledBy(Handlers.class)).containsExactlyInAnyOrder(Integer.class, Long.class);
        store(List.of("a", 1, "b", 2L));
        try (var stream = new PacedSource(log, Duration.ofMillis(100), PacedSource.handledBy(Handlers.class))
                .openStream(null)) {
            assertThat(take(stream, 2)).containsExactly(1, 2L);
            store(named("r", 300));
            idle(stream, Duration.ofMillis(300));
            // The next reads start after the last event found, not after the last one given: at
            // the head, they ask the counter alone.
            int before = eventReads.get();
            idle(stream, Duration.ofMillis(500));
            assertThat(eventReads.get()).isEqualTo(before);
            store(List.of(3));
            assertThat(take(stream, 1)).containsExactly(3);
        }
    }

    /** Asks for events for a while, as a processor at the head does, and finds none. */
    static void idle(BlockingStream<TrackedEventMessage<?>> stream, Duration time) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < time.toNanos()) {
            assertThat(stream.hasNextAvailable(20, TimeUnit.MILLISECONDS)).isFalse();
        }
    }

    @Test
    void resumesAfterTheLastEventTaken() throws Exception {
        store(List.of("a", "b", "c"));
        PacedSource source = new PacedSource(log, Duration.ofMillis(10));
        TrackingToken afterA;
        try (var stream = source.openStream(null)) {
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            afterA = stream.nextAvailable().trackingToken();
        }
        try (var stream = source.openStream(afterA)) {
            assertThat(take(stream, 2)).containsExactly("b", "c");
            assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
        }
    }
}
