package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Server-sent events: snapshot first, then live changes, heartbeats, and clean disconnects. */
class LiveIT extends BackendTest {

    @Autowired
    QueryUpdateEmitter emitter;

    static Flux<ServerSentEvent<String>> named(Flux<ServerSentEvent<String>> events) {
        return events.filter(e -> e.event() != null);
    }

    @Test
    void threadShowsSnapshotThenEveryChange() {
        String author = registerAuthor();
        String postId = publish(author, unique("Live thread"), List.of());
        String first = reply(postId, Map.of("authorName", "Jane", "body", "Before"));
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 1, postId);
        String[] added = new String[1];
        StepVerifier.create(named(sse("/posts/{id}/replies", postId)))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("snapshot");
                    assertThat(read(e.data()).get("replies").get(0).get("replyId").asText()).isEqualTo(first);
                })
                .then(() -> added[0] = reply(postId, Map.of("authorName", "Jon", "body", "Live!", "parentReplyId", first)))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("reply-added");
                    JsonNode reply = read(e.data()).get("reply");
                    assertThat(reply.get("replyId").asText()).isEqualTo(added[0]);
                    assertThat(reply.get("parentReplyId").asText()).isEqualTo(first);
                    assertThat(reply.get("depth").asInt()).isEqualTo(1);
                })
                .then(() -> http.put().uri("/posts/{p}/replies/{r}", postId, first).headers(admin())
                        .bodyValue(Map.of("body", "Edited")).exchange().expectStatus().isOk())
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("reply-edited");
                    assertThat(read(e.data()).get("reply").get("bodyHtml").asText()).contains("Edited");
                })
                .then(() -> http.delete().uri("/posts/{p}/replies/{r}", postId, first).headers(admin())
                        .exchange().expectStatus().isNoContent())
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("reply-removed");
                    assertThat(read(e.data()).get("reply").get("removed").asBoolean()).isTrue();
                })
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void postPageAndFeedAnnounceChanges() {
        String author = registerAuthor();
        String postId = publish(author, unique("Live post"), List.of());
        awaitGet("/posts/{id}", p -> true, postId);
        StepVerifier.create(named(sse("/posts/{id}", postId)))
                .assertNext(e -> assertThat(e.event()).isEqualTo("snapshot"))
                .then(() -> http.put().uri("/posts/{id}", postId).headers(as(author))
                        .bodyValue(Map.of("title", "Renamed live", "bodyMarkdown", "New")).exchange().expectStatus().isOk())
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("post-updated");
                    assertThat(read(e.data()).get("title").asText()).isEqualTo("Renamed live");
                    assertThat(read(e.data()).get("version").asLong()).isEqualTo(2);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(20));

        String title = unique("Fresh in the feed");
        String[] fresh = new String[1];
        // Only this post's events: the rename above may reach the list's stream after it is
        // subscribed (the list is another read model, projected on its own).
        StepVerifier.create(sse("/posts").filter(e -> "subscribed".equals(e.comment()) || e.event() != null
                        && (title.equals(read(e.data()).path("title").asText())
                        || read(e.data()).path("postId").asText().equals(fresh[0]))))
                .assertNext(e -> assertThat(e.comment()).isEqualTo("subscribed"))
                .then(() -> fresh[0] = publish(author, title, List.of()))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("post-published");
                    assertThat(read(e.data()).get("title").asText()).isEqualTo(title);
                })
                .then(() -> http.delete().uri("/posts/{id}", fresh[0]).headers(as(author)).exchange()
                        .expectStatus().isNoContent())
                // A reader's list drops it: named, its withdrawn content not sent again.
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("post-unpublished");
                    assertThat(read(e.data()).get("postId").asText()).isEqualTo(fresh[0]);
                    assertThat(read(e.data()).has("slug")).isTrue();
                    assertThat(read(e.data()).has("title")).isFalse();
                })
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void repliesPostedTogetherEachArriveOnce() {
        String author = registerAuthor();
        String postId = publish(author, unique("Busy thread"), List.of());
        awaitGet("/posts/{id}", p -> true, postId);
        Set<String> posted = ConcurrentHashMap.newKeySet();
        List<String> arrived = named(sse("/posts/{id}/replies", postId))
                .doOnNext(e -> {
                    if ("snapshot".equals(e.event())) {
                        // Posted at once, so that the live feed gets several in one batch.
                        Flux.range(0, 12).parallel(6).runOn(Schedulers.boundedElastic())
                                .subscribe(i -> posted.add(reply(postId, Map.of("authorName", "Many", "body", "No. " + i))));
                    }
                })
                .filter(e -> "reply-added".equals(e.event()))
                .map(e -> read(e.data()).get("reply").get("replyId").asText())
                .take(12).collectList().block(Duration.ofSeconds(30));
        assertThat(arrived).doesNotHaveDuplicates().hasSize(12);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> posted.size() == 12);
        assertThat(arrived).containsExactlyInAnyOrderElementsOf(posted);
    }

    /** Each post here is projected {@link LatePosts#DELAY_MS} after its publish is acknowledged. */
    @Test
    void aPostJustPublishedAnswersItsPageAndStreamsAtOnce() {
        String author = registerAuthor();
        String page = publish(author, LatePosts.TITLE + unique("page"), List.of());
        http.get().uri("/posts/{id}", page).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.postId").isEqualTo(page);
        String thread = publish(author, LatePosts.TITLE + unique("thread"), List.of());
        http.get().uri("/posts/{id}/replies", thread).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.replyCount").isEqualTo(0);
        String live = publish(author, LatePosts.TITLE + unique("live"), List.of());
        StepVerifier.create(named(sse("/posts/{id}/replies", live)))
                .assertNext(e -> assertThat(e.event()).isEqualTo("snapshot"))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        String pageStream = publish(author, LatePosts.TITLE + unique("page stream"), List.of());
        StepVerifier.create(named(sse("/posts/{id}", pageStream)))
                .assertNext(e -> assertThat(read(e.data()).get("postId").asText()).isEqualTo(pageStream))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        // A post nobody published is still not found, once the projection has caught up.
        http.get().uri("/posts/{id}", "never-published").exchange().expectStatus().isNotFound();
    }

    @Test
    void aReplyJustPostedIsInTheSnapshotOrTheFirstLiveEvent() {
        String author = registerAuthor();
        String postId = publish(author, unique("Read your writes"), List.of());
        awaitGet("/posts/{id}", p -> true, postId);
        for (int i = 0; i < 5; i++) {
            String mine = reply(postId, Map.of("authorName", "Me", "body", "Mine " + i));
            List<ServerSentEvent<String>> firstTwo = named(sse("/posts/{id}/replies", postId))
                    .take(Duration.ofSeconds(5)).take(2).collectList().block(Duration.ofSeconds(10));
            ServerSentEvent<String> snapshot = firstTwo.get(0);
            boolean inSnapshot = snapshot.data().contains(mine);
            boolean inFirstLive = firstTwo.size() > 1 && firstTwo.get(1).data().contains(mine);
            assertThat(inSnapshot || inFirstLive).as("reply %s seen by its writer", mine).isTrue();
        }
    }

    @Test
    void quietStreamsGetHeartbeats() {
        String author = registerAuthor();
        String postId = publish(author, unique("Quiet"), List.of());
        awaitGet("/posts/{id}", p -> true, postId);
        StepVerifier.create(sse("/posts/{id}/replies", postId).filter(e -> "heartbeat".equals(e.comment())))
                .expectNextCount(1)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void thousandConnectsAndDisconnectsLeaveNoSubscriptionBehind() {
        String author = registerAuthor();
        String postId = publish(author, unique("Churn"), List.of());
        awaitGet("/posts/{id}", p -> true, postId);
        int before = emitter.activeSubscriptions().size();
        for (int i = 0; i < 1000; i++) {
            ServerSentEvent<String> snapshot = named(sse("/posts/{id}/replies", postId)).blockFirst(Duration.ofSeconds(5));
            assertThat(snapshot.event()).isEqualTo("snapshot");
        }
        eventually().untilAsserted(() -> assertThat(emitter.activeSubscriptions()).hasSize(before));
    }
}
