package io.inkstream.command.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedLookupsTest {

    final StoreLookups.SharedLookups<Integer> lookups = new StoreLookups.SharedLookups<>();

    @Test
    void callersArrivingDuringALookupShareTheNextOne() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CountDownLatch firstRuns = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = new CompletableFuture<>();
        Thread firstCaller = new Thread(() -> first.complete(lookups.get("post-1", () -> {
            firstRuns.countDown();
            waitFor(release);
            return started.incrementAndGet();
        })));
        firstCaller.start();
        assertThat(firstRuns.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Integer>> later = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            later.add(answer);
            Thread caller = new Thread(() -> answer.complete(lookups.get("post-1", started::incrementAndGet)));
            callers.add(caller);
            caller.start();
        }
        // Every later caller is waiting for the running lookup before it is let finish.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        for (CompletableFuture<Integer> answer : later) {
            // Each asked after the first lookup started, so it must not be given that one's answer.
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        }
        assertThat(started.get()).as("lookups run for 9 callers").isEqualTo(2);
    }

    @Test
    void aFailedLookupFailsItsRoundAndTheNextTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        try {
            lookups.get("post-2", () -> {
                calls.incrementAndGet();
                throw new IllegalStateException("store down");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("store down");
        }
        assertThat(lookups.get("post-2", calls::incrementAndGet)).isEqualTo(2);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
