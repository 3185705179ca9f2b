package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.inkstream.platform.testing.TestMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Proposed moderation rules tried on the replies of the past, without changing anything. */
class DryRunIT extends BackendTest {

    @Test
    void proposedRulesNameThePastRepliesTheyWouldHaveHeldAndChangeNothing() {
        String author = registerAuthor();
        String postId = publish(author, unique("Commented"), List.of());
        awaitGet("/posts/{id}", p -> true, postId);
        String word = unique("casino").replace("-", "");
        String fine = reply(postId, Map.of("authorName", "Jane", "body", "Agree, see https://one.example"));
        String links = reply(postId, Map.of("authorName", "Bob", "body", "https://a.example https://b.example"));
        String spam = reply(postId, Map.of("authorName", "Eve", "body", "Best " + word.toUpperCase() + " here",
                "authorEmail", "eve@junk.example"));
        String domain = reply(postId, Map.of("authorName", "Mal", "body", "Hi", "authorEmail", "mal@JUNK.example"));
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 4, postId);

        try (MongoClient client = MongoClients.create(TestMongo.uri())) {
            List<Document> threadsBefore = documents(client, "threads");
            List<Document> repliesBefore = documents(client, "replies");
            List<Document> postsBefore = documents(client, "post_pages");

            List<JsonNode> lines = dryRun(Map.of("maxLinks", 1, "blockedWords", List.of(word),
                    "blockedEmails", List.of("@junk.example")));
            JsonNode summary = lines.get(lines.size() - 1);
            List<JsonNode> ours = lines.subList(0, lines.size() - 1).stream()
                    .filter(l -> postId.equals(l.get("postId").asText())).toList();
            assertThat(ours).extracting(l -> l.get("replyId").asText()).containsExactly(links, spam, domain);
            assertThat(ours.get(0).get("reasons")).extracting(JsonNode::asText)
                    .containsExactly("maxLinks: 2 links, at most 1");
            assertThat(ours.get(1).get("reasons")).extracting(JsonNode::asText)
                    .containsExactly("blockedWords: " + word, "blockedEmails");
            assertThat(ours.get(2).get("reasons")).extracting(JsonNode::asText).containsExactly("blockedEmails");
            assertThat(ours.get(0).hasNonNull("createdAt")).isTrue();
            assertThat(lines).noneMatch(l -> fine.equals(l.path("replyId").asText()));
            assertThat(summary.get("scanned").asLong()).isGreaterThanOrEqualTo(4);
            assertThat(summary.get("held").asLong()).isEqualTo(lines.size() - 1);

            assertThat(documents(client, "threads")).isEqualTo(threadsBefore);
            assertThat(documents(client, "replies")).isEqualTo(repliesBefore);
            assertThat(documents(client, "post_pages")).isEqualTo(postsBefore);
        }
        JsonNode thread = get("/posts/{id}/replies", postId);
        assertThat(thread.get("replyCount").asLong()).isEqualTo(4);
    }

    @Test
    void onlyAdminsTryRulesAndBadRulesAreFieldErrors() {
        String author = registerAuthor();
        http.post().uri("/admin/moderation/rules/dry-run").headers(as(author)).bodyValue(Map.of("maxLinks", 1))
                .exchange().expectStatus().isForbidden();
        http.post().uri("/admin/moderation/rules/dry-run").bodyValue(Map.of("maxLinks", 1))
                .exchange().expectStatus().isUnauthorized();
        http.post().uri("/admin/moderation/rules/dry-run").headers(admin())
                .bodyValue(Map.of("maxLinks", -1, "blockedWords", List.of("two words"))).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("maxLinks")
                .jsonPath("$.errors[1].field").isEqualTo("blockedWords");
    }

    List<JsonNode> dryRun(Map<String, ?> rules) {
        return http.post().uri("/admin/moderation/rules/dry-run").headers(admin()).accept(MediaType.APPLICATION_NDJSON)
                .bodyValue(rules).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(String.class).getResponseBody().map(this::read).collectList()
                .block(Duration.ofSeconds(30));
    }

    static List<Document> documents(MongoClient client, String collection) {
        return client.getDatabase("inkstream").getCollection(collection).find()
                .sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
