package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Post pages and threads are served as kept while nothing changed: every change a reader could
 * see shows as soon as its read model has it. Kept answers live for an hour in these tests
 * ({@link BackendTest}), so only the changes themselves can make a page be read again.
 */
class PageCacheIT extends BackendTest {

    @Test
    void aKeptPageGivesWayToEveryChangeAReaderCanSee() {
        String author = registerAuthor(unique("cached"), Map.of("displayName", "Before Rename", "bio", "Old bio."));
        JsonNode published = publish(author, Map.of("title", "First title"));
        String postId = published.get("postId").asText();
        String slug = published.get("slug").asText();
        awaitGet("/posts/{id}", page -> true, postId);
        JsonNode bySlug = get("/posts/{slug}", slug);
        assertThat(get("/posts/{id}", postId)).isEqualTo(bySlug);
        assertThat(get("/posts/{id}/replies", postId).get("replies")).isEmpty();

        // A reply: the thread and the page's count.
        reply(postId, Map.of("body", "Kept pages, fresh answers.", "authorName", "Ann"));
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 1, postId);
        awaitGet("/posts/{slug}", p -> p.get("replyCount").asLong() == 1, slug);

        // A new revision: the page, and its ETag.
        http.put().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("authorId", author, "title", "Second title", "bodyMarkdown", "New text.")).exchange()
                .expectStatus().isOk();
        JsonNode edited = awaitGet("/posts/{id}", p -> p.get("title").asText().equals("Second title"), postId);
        http.get().uri("/posts/{id}", postId).exchange().expectStatus().isOk().expectHeader()
                .valueEquals("ETag", "\"" + edited.get("version").asLong() + "\"");

        // The author's own reply, then a new name: the page's author and the thread's reply.
        http.post().uri("/posts/{id}/replies", postId).headers(as(author)).bodyValue(Map.of("body", "Thanks, Ann."))
                .exchange().expectStatus().isCreated();
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 2, postId);
        http.patch().uri("/authors/{a}", author).headers(as(author)).bodyValue(Map.of("displayName", "After Rename"))
                .exchange().expectStatus().isOk();
        awaitGet("/posts/{id}", p -> p.get("author").get("displayName").asText().equals("After Rename"), postId);
        awaitGet("/posts/{id}/replies", t -> t.get("replies").get(1).get("authorName").asText().equals("After Rename"),
                postId);

        // A held reply: the public's kept thread is not what its moderator reads.
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("moderation", "all")).exchange()
                .expectStatus().isOk();
        http.post().uri("/posts/{id}/replies", postId).bodyValue(Map.of("body", "Wait for me.", "authorName", "Bo"))
                .exchange().expectStatus().isAccepted();
        JsonNode moderated = awaitGetAs(as(author), "/posts/{id}/replies", t -> t.get("replies").size() == 3, postId);
        assertThat(moderated.get("replies").get(2).get("status").asText()).isEqualTo("pending");
        JsonNode shown = get("/posts/{id}/replies", postId);
        assertThat(shown.get("replies")).hasSize(2);
        assertThat(shown.get("replyCount").asLong()).isEqualTo(2);
        assertThat(getAs(as(author), "/posts/{id}/replies", postId).get("replies")).hasSize(3);

        // Unpublished: gone, not the page kept from before.
        http.delete().uri("/posts/{id}", postId).headers(as(author)).exchange().expectStatus().isNoContent();
        eventually().until(() -> http.get().uri("/posts/{slug}", slug).exchange().returnResult(String.class)
                .getStatus().value() == HttpStatus.GONE.value());
        assertThat(List.of(http.get().uri("/posts/{id}/replies", postId).exchange().returnResult(String.class)
                .getStatus().value())).containsExactly(HttpStatus.GONE.value());
    }
}
