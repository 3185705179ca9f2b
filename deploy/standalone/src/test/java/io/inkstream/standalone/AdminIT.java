package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.inkstream.platform.testing.TestMongo;
import io.inkstream.query.FeedMarks;
import io.inkstream.query.Generations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Everything under /admin: status, replays under load, the audit log, history and time travel. */
class AdminIT extends BackendTest {

    @Autowired
    Generations generations;

    @Test
    void onlyAdminsGetIn() {
        String author = registerAuthor();
        http.get().uri("/admin/projections").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/admin/projections").headers(as(author)).exchange().expectStatus().isForbidden();
        http.post().uri("/admin/projections/threads/replay").headers(as(author)).exchange().expectStatus().isForbidden();
        http.get().uri("/admin/events").headers(as(author)).exchange().expectStatus().isForbidden();
        http.get().uri("/admin/posts/x/history").exchange().expectStatus().isUnauthorized();
        http.get().uri("/admin/projections").headers(admin()).exchange().expectStatus().isOk();
        http.get().uri("/admin/projections/nothing").headers(admin()).exchange().expectStatus().isNotFound();
    }

    @Test
    void statusOfEveryReadModel() {
        JsonNode all = read(http.get().uri("/admin/projections").headers(admin()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(all).extracting(p -> p.get("name").asText()).containsExactly("authors", "posts", "threads");
        for (JsonNode p : all) {
            for (String field : List.of("position", "headPosition", "lag", "replaying", "progress")) {
                assertThat(p.has(field)).as(field).isTrue();
            }
            assertThat(p.get("headPosition").asLong()).isGreaterThanOrEqualTo(p.get("position").asLong());
        }
    }

    JsonNode verify() {
        return read(http.get().uri("/admin/events/verify").headers(admin()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void verifyFindsAnEventChangedWithADatabaseClient() {
        String author = registerAuthor();
        String postId = publish(author, unique("Verified"), List.of("audit"));
        String replyId = reply(postId, Map.of("authorName", "Vera", "body", "Original words"));
        http.get().uri("/admin/events/verify").headers(as(author)).exchange().expectStatus().isForbidden();
        JsonNode clean = verify();
        assertThat(clean.get("verified").asBoolean()).isTrue();
        assertThat(clean.get("firstBroken").isNull()).isTrue();
        assertThat(clean.get("events").asLong()).isGreaterThanOrEqualTo(3);

        try (MongoClient client = MongoClients.create(TestMongo.uri())) {
            var events = client.getDatabase("inkstream").getCollection("events");
            Document stored = events.find(com.mongodb.client.model.Filters.eq("stream", replyId + "/0")).first();
            String original = stored.getString("payload");
            assertThat(original).contains("Original words");
            events.updateOne(com.mongodb.client.model.Filters.eq("_id", stored.get("_id")),
                    com.mongodb.client.model.Updates.set("payload", original.replace("Original words", "Forged words")));
            try {
                JsonNode broken = verify();
                assertThat(broken.get("verified").asBoolean()).isFalse();
                assertThat(broken.get("firstBroken").get("position").asLong()).isEqualTo(stored.get("_id", Number.class).longValue());
                assertThat(broken.get("firstBroken").get("aggregateId").asText()).isEqualTo(replyId);
                assertThat(broken.get("firstBroken").get("sequenceNumber").asLong()).isZero();
            } finally {
                events.updateOne(com.mongodb.client.model.Filters.eq("_id", stored.get("_id")),
                        com.mongodb.client.model.Updates.set("payload", original));
            }
        }
        assertThat(verify().get("verified").asBoolean()).isTrue();
    }

    List<Document> documents(MongoClient client, String collection) {
        String name = Generations.name(collection, generations.state(Generations.groupOf(collection)).active());
        return client.getDatabase("inkstream").getCollection(name).find().sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    @Test
    void replayUnderConcurrentReadsServesEveryReadAndRebuildsTheSameDocuments() throws Exception {
        String author = registerAuthor();
        String postId = publish(author, unique("Replayed"), List.of("replay"));
        String parent = reply(postId, Map.of("authorName", "First", "body", "Top"));
        for (int i = 0; i < 15; i++) {
            reply(postId, Map.of("authorName", "R" + i, "body", "Reply " + i, "parentReplyId", parent));
        }
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 16, postId);
        awaitGet("/posts/{id}", p -> p.get("replyCount").asLong() == 16, postId);

        try (MongoClient client = MongoClients.create(TestMongo.uri())) {
            List<Document> threadsBefore = documents(client, "threads");
            List<Document> repliesBefore = documents(client, "replies");
            List<Document> postsBefore = documents(client, "post_pages");
            long threadGeneration = generations.state("threads").active();
            Document siteMarkBefore = mark(client, FeedMarks.SITE);
            Document repliesMarkBefore = mark(client, FeedMarks.replies(postId));
            long everyBefore = markCount(client, FeedMarks.EVERY);

            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService readers = Executors.newFixedThreadPool(3);
            for (int r = 0; r < 3; r++) {
                readers.submit(() -> {
                    while (reading.get()) {
                        JsonNode thread = get("/posts/{id}/replies", postId);
                        JsonNode page = get("/posts/{id}", postId);
                        reads.incrementAndGet();
                        if (thread == null || thread.get("replyCount").asLong() != 16
                                || thread.get("replies").get(0).get("replies").size() != 15) {
                            failures.add("thread: " + thread);
                        }
                        if (page == null || page.get("replyCount").asLong() != 16) {
                            failures.add("page: " + page);
                        }
                    }
                    return null;
                });
            }
            // Two requests for one read model at once: one replay starts, the other is refused.
            List<Integer> statuses = Flux.merge(replayRequest("threads"), replayRequest("threads"))
                    .collectList().block(Duration.ofSeconds(30));
            assertThat(statuses).containsExactlyInAnyOrder(202, 409);
            http.post().uri("/admin/projections/posts/replay").headers(admin()).exchange()
                    .expectStatus().isEqualTo(HttpStatus.ACCEPTED);
            eventually().until(() -> generations.state("threads").building() == null
                    && generations.state("posts").building() == null);
            eventually().until(() -> reads.get() > 20);
            reading.set(false);
            readers.shutdown();
            assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(failures).isEmpty();
            assertThat(generations.state("threads").active()).isEqualTo(threadGeneration + 1);
            assertThat(documents(client, "threads")).isEqualTo(threadsBefore);
            assertThat(documents(client, "replies")).isEqualTo(repliesBefore);
            assertThat(documents(client, "post_pages")).isEqualTo(postsBefore);
            // The rebuilds raised no feed's mark event by event, and each switch raised the one
            // every feed's kept answer depends on.
            assertThat(mark(client, FeedMarks.SITE)).isEqualTo(siteMarkBefore);
            assertThat(mark(client, FeedMarks.replies(postId))).isEqualTo(repliesMarkBefore);
            assertThat(markCount(client, FeedMarks.EVERY)).isEqualTo(everyBefore + 2);
            // The generation readers left is dropped once they have had time to follow.
            String old = Generations.name("threads", threadGeneration);
            eventually().until(() -> !client.getDatabase("inkstream").listCollectionNames()
                    .into(new ArrayList<>()).contains(old));
        }
    }

    static Document mark(MongoClient client, String feed) {
        return client.getDatabase("inkstream").getCollection(FeedMarks.COLLECTION).find(new Document("_id", feed)).first();
    }

    static long markCount(MongoClient client, String feed) {
        Document mark = mark(client, feed);
        return mark == null ? 0 : mark.get("n", Number.class).longValue();
    }

    reactor.core.publisher.Mono<Integer> replayRequest(String name) {
        return org.springframework.web.reactive.function.client.WebClient.create(
                        "http://127.0.0.1:" + port).post().uri("/admin/projections/{n}/replay", name)
                .headers(admin()).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void replayedEventsAreNotAnnouncedAgain() {
        String postId = postWithAReply("Quiet replay", "Already seen");
        Flux<ServerSentEvent<String>> live = sse("/posts/{id}/replies", postId).filter(e -> e.event() != null);
        String[] fresh = new String[1];
        StepVerifier.create(live)
                .assertNext(e -> assertThat(e.event()).isEqualTo("snapshot"))
                .then(() -> {
                    http.post().uri("/admin/projections/threads/replay").headers(admin()).exchange()
                            .expectStatus().isEqualTo(HttpStatus.ACCEPTED);
                    eventually().until(() -> generations.state("threads").building() == null);
                    fresh[0] = reply(postId, Map.of("authorName", "New", "body", "After the replay"));
                })
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("reply-added");
                    assertThat(e.data()).contains(fresh[0]).doesNotContain("Already seen");
                })
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void progressStreamsUntilCaughtUp() {
        // An event to replay, whichever tests ran before.
        registerAuthor();
        http.post().uri("/admin/projections/authors/replay").headers(admin()).exchange()
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED);
        List<ServerSentEvent<String>> events = http.get().uri("/admin/projections/authors").headers(admin())
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(SSE).getResponseBody().collectList().block(Duration.ofSeconds(30));
        ServerSentEvent<String> last = events.get(events.size() - 1);
        assertThat(last.event()).isEqualTo("caught-up");
        JsonNode data = read(last.data());
        assertThat(data.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(data.has("eventsPerSecond")).isTrue();
        assertThat(data.has("secondsLeft")).isTrue();
        assertThat(data.get("headPosition").asLong()).isPositive();
    }

    List<JsonNode> audit(String query, Object... vars) {
        return http.get().uri("/admin/events" + query, vars).headers(admin()).accept(MediaType.APPLICATION_NDJSON)
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().map(this::read).collectList().block(Duration.ofSeconds(30));
    }

    @Test
    void auditLogFiltersAndResumes() {
        String author = registerAuthor();
        Instant before = Instant.now();
        String postId = http.post().uri("/posts").headers(as(author)).header("X-Correlation-Id", "audit-1")
                .bodyValue(Map.of("authorId", author, "title", unique("Audited"), "bodyMarkdown", "x"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("postId").toString();
        http.put().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("title", "Audited 2", "bodyMarkdown", "y"))
                .exchange().expectStatus().isOk();
        reply(postId, Map.of("authorName", "Anon", "body", "Hi"));
        Instant after = Instant.now();

        List<JsonNode> post = audit("?aggregateId={id}", postId);
        assertThat(post).extracting(l -> l.get("type").asText()).containsExactly("PostPublished", "PostEdited");
        JsonNode first = post.get(0);
        assertThat(first.get("aggregateType").asText()).isEqualTo("Post");
        assertThat(first.get("sequenceNumber").asLong()).isZero();
        assertThat(first.get("revision").asText()).isEqualTo("1");
        assertThat(first.get("principal").asText()).isEqualTo(author);
        assertThat(first.get("correlationId").asText()).isEqualTo("audit-1");
        assertThat(first.get("payload").get("title").asText()).startsWith("Audited");
        assertThat(post.get(1).get("position").asLong()).isGreaterThan(first.get("position").asLong());

        assertThat(audit("?principal={p}", author)).extracting(l -> l.get("aggregateId").asText())
                .containsOnly(postId);
        List<JsonNode> window = audit("?since={s}&until={u}", before, after);
        assertThat(window).extracting(l -> l.get("type").asText()).contains("PostPublished", "PostEdited", "ReplyAdded");
        assertThat(window).allSatisfy(l -> assertThat(Instant.parse(l.get("timestamp").asText())).isBetween(before, after));
        List<JsonNode> replies = audit("?type=ReplyAdded&since={s}", before);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).get("principal").asText()).isEqualTo("anonymous");

        List<JsonNode> all = audit("");
        List<Long> positions = all.stream().map(l -> l.get("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        long resumeAfter = positions.get(positions.size() / 2);
        List<JsonNode> resumed = audit("?after={a}", resumeAfter);
        assertThat(resumed).extracting(l -> l.get("position").asLong())
                .containsExactlyElementsOf(positions.stream().filter(p -> p > resumeAfter).toList());
        assertThat(audit("?limit=2")).hasSize(2);
        http.get().uri("/admin/events?since=yesterday").headers(admin()).exchange().expectStatus().isBadRequest();
    }

    @Test
    void historyAndThePostAsItStood() throws Exception {
        String author = registerAuthor();
        String postId = publish(author, "First title", List.of("v1"));
        Instant afterPublish = pause();
        http.put().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("title", "Second title", "bodyMarkdown", "## Two", "tags", List.of("v2")))
                .exchange().expectStatus().isOk();
        Instant afterEdit = pause();
        String r1 = reply(postId, Map.of("authorName", "Early", "body", "Before closing"));
        Instant afterReply = pause();
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("repliesOpen", false))
                .exchange().expectStatus().isOk();

        JsonNode history = read(http.get().uri("/admin/posts/{id}/history", postId).headers(admin()).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(history).extracting(r -> r.get("type").asText())
                .containsExactly("PostPublished", "PostEdited", "RepliesClosed");
        assertThat(history).extracting(r -> r.get("version").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(history).extracting(r -> r.get("title").asText())
                .containsExactly("First title", "Second title", "Second title");
        assertThat(history.get(0).get("principal").asText()).isEqualTo(author);

        JsonNode v1 = asItStood("?asOf={t}", postId, afterPublish);
        assertThat(v1.get("title").asText()).isEqualTo("First title");
        assertThat(v1.get("version").asLong()).isEqualTo(1);
        assertThat(v1.get("tags")).extracting(JsonNode::asText).containsExactly("v1");
        JsonNode v2 = asItStood("?asOf={t}&include=replies", postId, afterEdit);
        assertThat(v2.get("bodyHtml").asText()).contains("<h2>Two</h2>");
        assertThat(v2.get("thread").get("replyCount").asLong()).isZero();
        JsonNode withReply = asItStood("?asOf={t}&include=replies", postId, afterReply);
        assertThat(withReply.get("replyCount").asLong()).isEqualTo(1);
        assertThat(withReply.get("repliesOpen").asBoolean()).isTrue();
        assertThat(withReply.get("thread").get("replies").get(0).get("replyId").asText()).isEqualTo(r1);
        JsonNode v3 = asItStood("?version={v}", postId, 3);
        assertThat(v3.get("repliesOpen").asBoolean()).isFalse();
        assertThat(asItStood("?version={v}", postId, 2).get("title").asText()).isEqualTo("Second title");

        http.get().uri("/admin/posts/{id}?asOf={t}", postId, Instant.parse("2000-01-01T00:00:00Z")).headers(admin())
                .exchange().expectStatus().isNotFound();
        http.get().uri("/admin/posts/{id}?version=1", "no-such-post").headers(admin()).exchange().expectStatus().isNotFound();
        http.get().uri("/admin/posts/{id}/history", "no-such-post").headers(admin()).exchange().expectStatus().isNotFound();
        http.get().uri("/admin/posts/{id}?asOf=noon", postId).headers(admin()).exchange().expectStatus().isBadRequest();
        // The post is at version 3: a version past it was never the post's.
        http.get().uri("/admin/posts/{id}?version=4", postId).headers(admin()).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("version 4"));
        http.get().uri("/admin/posts/{id}?version=2&asOf={t}", postId, afterEdit).headers(admin()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        http.get().uri("/admin/posts/{id}?version=two", postId).headers(admin()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
        http.get().uri("/admin/events?after=first").headers(admin()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("after");
    }

    JsonNode asItStood(String query, Object... vars) {
        return read(http.get().uri("/admin/posts/{id}" + query, vars).headers(admin()).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    /** An instant strictly between the event before and the one after. */
    static Instant pause() throws InterruptedException {
        Thread.sleep(20);
        Instant now = Instant.now();
        Thread.sleep(20);
        return now;
    }
}
