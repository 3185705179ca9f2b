package io.inkstream.eventstore;

import static io.inkstream.eventstore.MongoEventLogTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.inkstream.embedded.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent appends are stored in groups, two groups at once: an append does not wait for a
 * group it is not in, a third group waits for one of the two, and every caller of a group that
 * failed is told why.
 */
class AppendTurnsTest {

    MongoClient client;
    /** Inserts of an event named "slow" wait here until the test lets them go. */
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch slowArrived = new CountDownLatch(2);
    MongoEventLog log;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(TestServer.uri("inkstream"));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        log = new MongoEventLog(MongoEventLog.builder()
                .database(client.getDatabase("turns-" + UUID.randomUUID().toString().substring(0, 8)))
                .eventSerializer(serializer).snapshotSerializer(serializer)) {
            @Override
            void insert(List<Document> docs) {
                if (docs.stream().anyMatch(d -> String.valueOf(d.get("payload")).contains("slow"))) {
                    slowArrived.countDown();
                    try {
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.insert(docs);
            }
        };
        log.ensureIndexes();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        client.close();
    }

    CompletableFuture<Void> append(String aggregate, String name) {
        return CompletableFuture.runAsync(() -> log.appendEvents(List.of(event(aggregate, 0, name))));
    }

    /** Two groups held in their insert: both turns taken. */
    List<CompletableFuture<Void>> holdBothTurns() throws InterruptedException {
        CompletableFuture<Void> first = append("a", "slow");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slowArrived.getCount() == 1);
        CompletableFuture<Void> second = append("b", "slow");
        assertThat(slowArrived.await(10, TimeUnit.SECONDS)).as("the second group in its insert").isTrue();
        return List.of(first, second);
    }

    @Test
    void anAppendDoesNotWaitForAGroupItIsNotIn() {
        CompletableFuture<Void> slow = append("a", "slow");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slowArrived.getCount() == 1);

        append("b", "quick").orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(slow).isNotDone();
        assertThat(log.lastSequenceNumberFor("b")).contains(0L);
        release.countDown();
        slow.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(log.lastSequenceNumberFor("a")).contains(0L);
    }

    @Test
    void aThirdGroupWaitsForATurn() throws Exception {
        List<CompletableFuture<Void>> held = holdBothTurns();

        CompletableFuture<Void> third = append("c", "quick");
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !third.isDone());
        assertThat(log.lastSequenceNumberFor("c")).isEmpty();

        release.countDown();
        third.orTimeout(10, TimeUnit.SECONDS).join();
        for (CompletableFuture<Void> h : held) {
            h.orTimeout(10, TimeUnit.SECONDS).join();
        }
        assertThat(List.of("a", "b", "c")).allSatisfy(a -> assertThat(log.lastSequenceNumberFor(a)).contains(0L));
    }

    @Test
    void everyCallerOfAGroupThatFailedIsTold() throws Exception {
        List<CompletableFuture<Void>> held = holdBothTurns();
        // Both wait for a turn, and are stored in one group, which cannot reach the store.
        CompletableFuture<Void> c = append("c", "quick");
        CompletableFuture<Void> d = append("d", "quick");
        Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> !c.isDone() && !d.isDone());
        client.close();
        release.countDown();

        for (CompletableFuture<Void> caller : List.of(c, d)) {
            assertThat(caller).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                    .havingCause().withMessageContaining("open");
        }
        for (CompletableFuture<Void> h : held) {
            assertThat(h).failsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void anInterruptedCallerWaitsForItsAppendAndKeepsItsInterrupt() throws Exception {
        List<CompletableFuture<Void>> held = holdBothTurns();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                log.appendEvents(List.of(event("c", 0, "quick")));
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            } catch (RuntimeException e) {
                stillInterrupted.completeExceptionally(e);
            }
        });
        caller.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
        caller.interrupt();
        // Still waiting, and parked: not spinning on its interrupt.
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !stillInterrupted.isDone() && caller.getState() == Thread.State.TIMED_WAITING);

        release.countDown();
        assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(log.lastSequenceNumberFor("c")).contains(0L);
        for (CompletableFuture<Void> h : held) {
            h.orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
