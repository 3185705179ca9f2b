package io.inkstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
}
