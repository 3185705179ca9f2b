package io.inkstream.command.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.command.CommandSideTest;
import io.inkstream.platform.axon.Metadata;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

/** A scheduled post publishes itself at its time, as system; cancelled, moved or published early, it does not. */
@TestPropertySource(properties = {"inkstream.scheduler.enabled=true", "inkstream.scheduler.poll=100ms"})
class ScheduleIT extends CommandSideTest {

    static final String PASSWORD = "s3cret-pass";
    /** The promise: published within this long after its time. */
    static final Duration WITHIN = Duration.ofSeconds(2);

    String author;

    @BeforeEach
    void registerAuthor() {
        author = "author-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", author, "displayName", "Jon Ingham", "password", PASSWORD))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void eachScheduledPostPublishesAtItsTimeOnceAndOnlyIfStillScheduledForIt() {
        Instant at = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        Instant later = at.plusSeconds(2);
        String plain = schedule(at);
        String cancelled = schedule(at);
        String early = schedule(at);
        String moved = schedule(at);
        patch(cancelled, null);
        http.post().uri("/posts/{id}/publish", early).headers(this::asAuthor).exchange().expectStatus().isOk();
        patch(moved, later.toString());

        DomainEventMessage<?> published = awaitPublished(plain, at);
        assertThat(published.getMetaData().get(Metadata.PRINCIPAL)).isEqualTo("system");
        DomainEventMessage<?> movedPublished = awaitPublished(moved, later);
        assertThat(movedPublished.getMetaData().get(Metadata.PRINCIPAL)).isEqualTo("system");

        // By now the first time is two seconds past: any wrong publish at it has happened.
        assertThat(payloadTypes(cancelled)).containsExactly("PostDrafted", "PostUnscheduled");
        assertThat(payloadTypes(early)).containsExactly("PostDrafted", "PostPublished");
        assertThat(publishedEvent(early).orElseThrow().getMetaData().get(Metadata.PRINCIPAL)).isEqualTo(author);
        assertThat(payloadTypes(plain)).containsExactly("PostDrafted", "PostPublished");
        assertThat(payloadTypes(moved)).containsExactly("PostDrafted", "PostScheduled", "PostPublished");
    }

    /** Waits for the post's PostPublished, and checks it came at its time, not before, not late. */
    DomainEventMessage<?> awaitPublished(String postId, Instant at) {
        DomainEventMessage<?> published = Awaitility.await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(() -> publishedEvent(postId), Optional::isPresent).orElseThrow();
        assertThat(published.getTimestamp()).isAfterOrEqualTo(at).isBefore(at.plus(WITHIN));
        return published;
    }

    Optional<DomainEventMessage<?>> publishedEvent(String postId) {
        return events.readEvents(postId, 0).asStream().filter(e -> e.getPayloadType().getSimpleName().equals("PostPublished"))
                .<DomainEventMessage<?>>map(e -> e).findFirst();
    }

    String schedule(Instant at) {
        return http.post().uri("/posts").headers(this::asAuthor)
                .bodyValue(Map.of("authorId", author, "title", "Scheduled " + UUID.randomUUID(), "bodyMarkdown", "Soon.",
                        "status", "scheduled", "publishAt", at.toString()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("postId").toString();
    }

    void patch(String postId, String publishAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("publishAt", publishAt);
        http.patch().uri("/posts/{id}", postId).headers(this::asAuthor).bodyValue(body).exchange().expectStatus().isOk();
    }

    void asAuthor(HttpHeaders h) {
        as(author).accept(h);
    }

}
