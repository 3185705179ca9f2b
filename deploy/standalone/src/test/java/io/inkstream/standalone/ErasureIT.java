package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The right to erasure, as an admin exercises it over HTTP and as a copy of the database would
 * show it: after erasing one commenter no collection holds their name or email in clear, another
 * commenter's replies are untouched, and every read model rebuilt from the events says the same.
 */
class ErasureIT extends BackendTest {

    @Autowired
    MongoDatabase database;

    /** Every document of every collection of the database, as a dump of it would show them. */
    String dump() {
        List<String> all = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            all.add(dump(name));
        }
        return String.join("\n", all);
    }

    String dump(String collection) {
        List<String> all = new ArrayList<>();
        database.getCollection(collection).find().forEach(d -> all.add(collection + " " + d.toJson()));
        return String.join("\n", all);
    }

    JsonNode getAs(String uri, Object... vars) {
        return read(http.get().uri(uri, vars).headers(admin()).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    /** The names a thread shows, its replies and their answers, in order. */
    static List<String> names(JsonNode thread) {
        List<String> names = new ArrayList<>();
        thread.get("replies").forEach(r -> {
            names.add(r.get("authorName").asText());
            r.get("replies").forEach(a -> names.add(a.get("authorName").asText()));
        });
        return names;
    }

    @Test
    void anErasedCommentersNameAndEmailAreNowhereInClearAndEveryReplaySaysErased() {
        String id = unique("x");
        String name = "Janet Erasable " + id;
        String email = "janet." + id + "@example.org";
        String otherName = "Bob Keeps " + id;
        String author = registerAuthor();
        String post = publish(author, unique("Erasure"), List.of());
        String moderated = publish(author, unique("Erasure held"), List.of());
        http.patch().uri("/posts/{id}", moderated).headers(as(author)).bodyValue(Map.of("moderation", "all")).exchange()
                .expectStatus().isOk();

        String first = reply(post, Map.of("authorName", name, "authorEmail", email, "authorUrl",
                "https://janet.example/" + id, "body", "Words that stay after erasure."));
        reply(post, Map.of("authorName", name, "authorEmail", email.toUpperCase(Locale.ROOT),
                "body", "An answer, from the same address in capitals.", "parentReplyId", first));
        reply(post, Map.of("authorName", otherName, "authorEmail", "bob." + id + "@example.org", "body", "Bob's words."));
        String held = read(http.post().uri("/posts/{id}/replies", moderated).bodyValue(Map.of("authorName", name,
                "authorEmail", email, "body", "Held for a moderator.")).exchange().expectStatus().isAccepted()
                .expectBody(String.class).returnResult().getResponseBody()).get("replyId").asText();
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 3, post);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                getAs("/moderation").findValuesAsText("replyId").contains(held));
        assertThat(dump("events")).as("events hold them only sealed, from the first").doesNotContain(name)
                .doesNotContain(email).doesNotContain(email.toUpperCase(Locale.ROOT)).doesNotContain("https://janet.example/" + id);

        // The right of access, before erasure.
        JsonNode export = getAs("/admin/commenters?email={e}", email);
        assertThat(export.get("replies")).hasSize(3);
        assertThat(export.get("replies").findValuesAsText("authorName")).containsOnly(name);
        assertThat(export.get("replies").findValuesAsText("status")).containsExactlyInAnyOrder("published", "published",
                "pending");
        assertThat(export.get("replies").get(0).get("authorUrl").asText()).isEqualTo("https://janet.example/" + id);

        http.post().uri("/admin/erasure").headers(as(author)).bodyValue(Map.of("email", email)).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/admin/erasure").headers(admin()).bodyValue(Map.of("email", "not an email")).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode erased = read(http.post().uri("/admin/erasure").headers(admin()).bodyValue(Map.of("email", email))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(erased.get("replies").asLong()).isEqualTo(3);
        // Again: the same answer, and nothing new stored.
        long events = getAs("/admin/events/verify").get("events").asLong();
        http.post().uri("/admin/erasure").headers(admin()).bodyValue(Map.of("email", email.toUpperCase(Locale.ROOT)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.replies").isEqualTo(3);
        assertThat(getAs("/admin/events/verify").get("events").asLong()).isEqualTo(events);

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(names(get("/posts/{id}/replies", post))).containsExactly("[erased]", "[erased]", otherName);
            assertThat(dump()).doesNotContain(name).doesNotContain(email).doesNotContain(email.toUpperCase(Locale.ROOT));
        });
        assertThat(get("/posts/{id}/replies", post).toString()).contains("Words that stay after erasure.");
        JsonNode queued = getAs("/moderation").findParents("replyId").stream()
                .filter(r -> r.get("replyId").asText().equals(held)).findFirst().orElseThrow();
        assertThat(queued.get("authorName").asText()).isEqualTo("[erased]");
        assertThat(queued.get("authorEmail").asText()).isEqualTo("[erased]");
        assertThat(getAs("/admin/events/verify").get("verified").asBoolean()).isTrue();
        List<JsonNode> audit = http.get().uri("/admin/events?aggregateId={id}", first).headers(admin())
                .accept(MediaType.APPLICATION_NDJSON).exchange().returnResult(String.class).getResponseBody()
                .map(this::read).collectList().block(Duration.ofSeconds(10));
        assertThat(audit.get(0).get("payload").get("authorName").asText()).isEqualTo("[erased]");
        assertThat(audit.get(0).get("payload").get("authorEmail").asText()).isEqualTo("[erased]");
        assertThat(audit.get(0).get("payload").get("body").asText()).isEqualTo("Words that stay after erasure.");
        assertThat(getAs("/admin/commenters?email={e}", email).get("replies").findValuesAsText("authorName"))
                .containsOnly("[erased]");

        // Every read model rebuilt from the events alone: the same answers.
        for (String readModel : List.of("posts", "authors", "threads")) {
            http.post().uri("/admin/projections/{name}/replay", readModel).headers(admin()).exchange()
                    .expectStatus().isAccepted();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> List.of("posts", "authors", "threads").stream().allMatch(readModel -> {
                    JsonNode status = getAs("/admin/projections/{name}", readModel);
                    return !status.get("replaying").asBoolean() && status.get("lag").asLong() == 0;
                }));
        assertThat(names(get("/posts/{id}/replies", post))).containsExactly("[erased]", "[erased]", otherName);
        JsonNode requeued = getAs("/moderation").findParents("replyId").stream()
                .filter(r -> r.get("replyId").asText().equals(held)).findFirst().orElseThrow();
        assertThat(requeued.get("authorName").asText()).isEqualTo("[erased]");
        assertThat(dump()).doesNotContain(name).doesNotContain(email);
        // Time travel rebuilds the thread from the events too.
        JsonNode then = getAs("/admin/posts/{id}?asOf={t}&include=replies", post, java.time.Instant.now().toString());
        assertThat(then.toString()).contains("[erased]").contains(otherName).doesNotContain(name);
    }
}
