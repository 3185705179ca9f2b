package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.inkstream.platform.testing.TestMongo;
import io.inkstream.query.Generations;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A projection that fails on one event sets it aside in the dead-letter queue and goes on with
 * the others; once the cause is fixed, an admin retries it and the read model is whole again.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterIT extends BackendTest {

    @Autowired
    Generations generations;

    JsonNode deadLetters() {
        return read(http.get().uri("/admin/dead-letters").headers(admin()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void failingEventIsSetAsideListedAndRetried(CapturedOutput output) {
        String author = registerAuthor();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String title = "Dead letter " + id;
        try (MongoClient client = MongoClients.create(TestMongo.uri())) {
            MongoCollection<Document> posts = client.getDatabase("inkstream")
                    .getCollection(Generations.name("post_pages", generations.state("posts").active()));
            // A damaged read model: a stray page already holds the slug the new post will get.
            posts.insertOne(new Document("_id", "stray-" + id).append("slug", "dead-letter-" + id));

            String postId = http.post().uri("/posts").headers(as(author)).header("X-Correlation-Id", "dead-" + id)
                    .bodyValue(java.util.Map.of("authorId", author, "title", title, "bodyMarkdown", "x"))
                    .exchange().expectStatus().isCreated()
                    .expectBody(java.util.Map.class).returnResult().getResponseBody().get("postId").toString();
            eventually().until(() -> {
                for (JsonNode entry : deadLetters()) {
                    if (postId.equals(entry.get("aggregateId").asText())) {
                        return entry.get("readModel").asText().equals("posts")
                                && entry.get("type").asText().equals("PostPublished")
                                && entry.hasNonNull("cause") && entry.hasNonNull("enqueuedAt");
                    }
                }
                return false;
            });
            // The log line of the failure names the request that caused it.
            assertThat(output.getAll()).containsPattern("\\[dead-" + id + "[ \\]].*(?i)dead letter");
            // The read model goes on with other posts meanwhile.
            String other = publish(author, "Unaffected " + id, List.of());
            awaitGet("/posts/{id}", p -> true, other);
            http.get().uri("/posts/{id}", postId).exchange().expectStatus().isNotFound();

            posts.deleteOne(new Document("_id", "stray-" + id));
            JsonNode retried = read(http.post().uri("/admin/dead-letters/posts/retry").headers(admin()).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            assertThat(retried.get("sequencesRetried").asInt()).isPositive();
            JsonNode page = awaitGet("/posts/{id}", p -> true, postId);
            assertThat(page.get("title").asText()).isEqualTo(title);
            assertThat(deadLetters()).noneMatch(e -> postId.equals(e.get("aggregateId").asText()));
        }
        http.get().uri("/admin/dead-letters").headers(as(author)).exchange().expectStatus().isForbidden();
        http.post().uri("/admin/dead-letters/nothing/retry").headers(admin()).exchange().expectStatus().isNotFound();
    }

    /**
     * An event whose handler overflows the stack is parked, with the later events of its post,
     * and every other post's replies flow on; retried, it fails again and stays parked.
     */
    @Test
    void eventThatOverflowsTheStackIsParkedWhileOtherPostsGoOn() {
        PoisonPill.cured = false;
        String author = registerAuthor();
        String poisoned = publish(author, unique("Poisoned"), List.of());
        String healthy = publish(author, unique("Healthy"), List.of());
        String pill = reply(poisoned, java.util.Map.of("authorName", "Mallory", "body", PoisonPill.BODY));
        eventually().until(() -> {
            for (JsonNode entry : deadLetters()) {
                if (pill.equals(entry.get("aggregateId").asText())) {
                    return entry.get("readModel").asText().equals("threads")
                            && entry.get("cause").asText().contains("StackOverflowError");
                }
            }
            return false;
        });
        String later = reply(healthy, java.util.Map.of("authorName", "Jane", "body", "Still here"));
        JsonNode thread = awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asInt() == 1, healthy);
        assertThat(thread.get("replies").get(0).get("replyId").asText()).isEqualTo(later);

        JsonNode retried = read(http.post().uri("/admin/dead-letters/threads/retry").headers(admin()).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(retried.get("stillDead").asLong()).isPositive();
        assertThat(deadLetters()).anyMatch(e -> pill.equals(e.get("aggregateId").asText()));

        // Fixed, it is applied on the next retry, and the thread is whole again.
        PoisonPill.cured = true;
        http.post().uri("/admin/dead-letters/threads/retry").headers(admin()).exchange().expectStatus().isOk();
        assertThat(deadLetters()).noneMatch(e -> pill.equals(e.get("aggregateId").asText()));
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asInt() == 1, poisoned);
    }
}
