package io.inkstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class LiveTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Live live = new Live(Duration.ofHours(1), meters, null, new Streams(Duration.ofSeconds(30)));

    static Mono<SubscriptionQueryResult<String, String>> subscription(String snapshot, String... updates) {
        return Mono.just(new DefaultSubscriptionQueryResult<>(Mono.just(snapshot), Flux.just(updates), () -> true));
    }

    @Test
    void updatesTheSnapshotShowsAreLeftOutUntilOneItDoesNotShow() {
        // "old" is in the snapshot; after "new", which is not, every update is sent.
        List<Object> sent = live.stream(subscription("snapshot", "old", "new", "old"),
                        s -> Live.event("snapshot", s), u -> Live.event("update", u), s -> u -> u.equals("old"))
                .map(ServerSentEvent::data).take(3).collectList().block(Duration.ofSeconds(5));
        assertThat(sent).containsExactly("snapshot", "new", "old");
    }

    @Test
    void everyOpenStreamGetsHeartbeats() {
        Live often = new Live(Duration.ofMillis(50), new SimpleMeterRegistry(), null, new Streams(Duration.ofSeconds(30)));
        try {
            Flux<String> comments = often.stream(subscription("snapshot"), s -> Live.event("snapshot", s),
                    u -> Live.event("update", u)).skip(1).map(ServerSentEvent::comment);
            assertThat(Flux.merge(comments.take(2), comments.take(2)).collectList().block(Duration.ofSeconds(5)))
                    .containsOnly("heartbeat").hasSize(4);
            // Streams that ended leave the timer running for the next one.
            assertThat(comments.take(1).blockFirst(Duration.ofSeconds(5))).isEqualTo("heartbeat");
        } finally {
            often.destroy();
        }
    }

    @Test
    void openStreamsAreCountedUntilTheyEnd() {
        Disposable first = live.stream(subscription("snapshot"), s -> Live.event("snapshot", s),
                u -> Live.event("update", u)).subscribe();
        Disposable second = live.updates(subscription("snapshot"), u -> Live.event("update", u)).subscribe();
        assertThat(meters.get("inkstream.live.streams").gauge().value()).isEqualTo(2);

        first.dispose();
        second.dispose();
        assertThat(meters.get("inkstream.live.streams").gauge().value()).isZero();
    }

    @Test
    void aStreamCancelledOnAnEventLoopClosesItsQueryWhereBlockingIsAllowed() throws Exception {
        CompletableFuture<Boolean> closedOnLoop = new CompletableFuture<>();
        Mono<SubscriptionQueryResult<String, String>> subscription = Mono.just(new DefaultSubscriptionQueryResult<>(
                Mono.just("snapshot"), Flux.never(), () -> closedOnLoop.complete(Schedulers.isInNonBlockingThread())));
        Disposable stream = live.stream(subscription, s -> Live.event("snapshot", s), u -> Live.event("update", u))
                .subscribe();
        // A parallel thread is non-blocking, as a Netty event loop is.
        Schedulers.parallel().schedule(stream::dispose);
        assertThat(closedOnLoop.get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void streamsEndWhenTheApplicationStops() {
        Live stopped = new Live(Duration.ofHours(1), new SimpleMeterRegistry(), null, new Streams(Duration.ofSeconds(30)));
        stopped.start();
        Flux<ServerSentEvent<Object>> stream = stopped.stream(subscription("snapshot", "update"),
                s -> Live.event("snapshot", s), u -> Live.event("update", u));
        // Open until the application stops (the heartbeats never end by themselves).
        StepVerifier.create(stream)
                .expectNextCount(2)
                .then(stopped::stop)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        // One that begins while the application stops ends at once.
        StepVerifier.create(stream).expectComplete().verify(Duration.ofSeconds(5));
        assertThat(stopped.open()).isZero();
        stopped.destroy();
    }
}
