package io.inkstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ReadModelChangesTest {

    /** Polls an hour apart: only a store here can make the feed look again within the test. */
    final ReadModelChanges changes = new ReadModelChanges(Duration.ofHours(1), Duration.ofHours(2));
    final AtomicReference<String> readModel = new AtomicReference<>();
    final AtomicInteger reads = new AtomicInteger();

    Mono<String> read() {
        reads.incrementAndGet();
        return Mono.justOrEmpty(readModel.get());
    }

    @Test
    void aFeedWaitingForAChangeLooksAgainAsSoonAsAProjectionHereStoresIt() {
        CompletableFuture<Optional<String>> found = CompletableFuture.supplyAsync(() -> changes.readable(this::read, true));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() == 1);
        readModel.set("reply r1");
        changes.stored();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(found::isDone);
        assertThat(found.join()).contains("reply r1");
    }

    @Test
    void withoutWaitingAMissingChangeIsReadOnce() {
        assertThat(changes.readable(this::read, false)).isEmpty();
        assertThat(reads.get()).isEqualTo(1);
    }

    final Map<String, String> shown = new ConcurrentHashMap<>();
    final List<List<String>> lookups = new CopyOnWriteArrayList<>();

    Mono<Map<String, String>> readAll(List<String> ids) {
        lookups.add(List.copyOf(ids));
        Map<String, String> found = new HashMap<>();
        ids.forEach(id -> Optional.ofNullable(shown.get(id)).ifPresent(v -> found.put(id, v)));
        return Mono.just(found);
    }

    @Test
    void aBatchIsReadInOneLookupAndHandedOverInOrderOnceEachShows() {
        shown.put("r1", "one");
        shown.put("r3", "three");
        List<String> told = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> changes.readable(List.of("r1", "r2", "r3"),
                this::readAll, true, (id, reply) -> told.add(reply)));
        // The first lookup is counted before what it found is handed over: wait for the hand-over.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !told.isEmpty());
        // r3 shows already, but r2 before it does not: r3 waits, so nobody sees them out of order.
        assertThat(told).containsExactly("one");
        assertThat(lookups).hasSize(1);
        shown.put("r2", "two");
        changes.stored();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(done::isDone);
        assertThat(told).containsExactly("one", "two", "three");
        assertThat(lookups).containsExactly(List.of("r1", "r2", "r3"), List.of("r2", "r3"));
    }

    @Test
    void aChangeThatNeverShowsIsLeftOutAndTheRestGoOn() {
        ReadModelChanges impatient = new ReadModelChanges(Duration.ofMillis(5), Duration.ofMillis(200));
        shown.put("r2", "two");
        List<String> told = new ArrayList<>();
        impatient.readable(List.of("r1", "r2"), this::readAll, true, (id, reply) -> told.add(reply));
        assertThat(told).containsExactly("two");
        assertThat(lookups.size()).isGreaterThan(1);
    }
}
