package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.test.StepVerifier;

/**
 * A draft is nobody's business but its author's: every public read behaves as if it did not
 * exist, while its author and admins read it, on the same URL, as it will look.
 */
class DraftReadsIT extends BackendTest {

    static final String BODY = "## Heading\n\nText with ![a picture](https://example.com/p.jpg).";

    @Test
    void aDraftIsPrivateUntilPublishedThenPublicUnderItsSlug() {
        String author = registerAuthor();
        String other = registerAuthor();
        String tag = unique("drafts");
        JsonNode created = create(author, Map.of("title", unique("Work in progress"), "bodyMarkdown", BODY,
                "tags", List.of(tag), "status", "draft"));
        String postId = created.get("postId").asText();
        String slug = created.get("slug").asText();

        JsonNode preview = awaitGetAs(as(author), "/posts/{id}", p -> true, postId);
        assertThat(preview.get("status").asText()).isEqualTo("draft");
        assertThat(preview.get("slug").asText()).isEqualTo(slug);
        assertThat(preview.get("bodyHtml").asText()).startsWith("<h2>Heading</h2>").contains("<img src=\"https://example.com/p.jpg\"");
        assertThat(preview.get("publishedAt").isNull()).isTrue();
        assertThat(preview.has("publishAt")).isFalse();
        assertThat(preview.get("author").get("authorId").asText()).isEqualTo(author);
        http.get().uri("/posts/{slug}", slug).headers(as(author)).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        http.get().uri("/posts/{id}", postId).headers(admin()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("draft");

        // Everyone else: as if it did not exist.
        problem(http.get().uri("/posts/{id}", postId).exchange(), HttpStatus.NOT_FOUND);
        problem(http.get().uri("/posts/{slug}", slug).exchange(), HttpStatus.NOT_FOUND);
        problem(http.get().uri("/posts/{id}", postId).headers(as(other)).exchange(), HttpStatus.NOT_FOUND);
        problem(http.get().uri("/posts/{id}/replies", postId).headers(as(author)).exchange(), HttpStatus.NOT_FOUND);
        problem(http.get().uri("/posts/{id}", postId).accept(MediaType.TEXT_EVENT_STREAM).exchange(), HttpStatus.NOT_FOUND);
        problem(http.get().uri("/posts/{id}/replies", postId).accept(MediaType.TEXT_EVENT_STREAM).exchange(),
                HttpStatus.NOT_FOUND);
        assertThat(get("/posts?tag={t}", tag).get("items")).isEmpty();
        assertThat(get("/authors/{a}/posts", author).get("items")).isEmpty();
        assertThat(get("/authors/{a}", author).get("postCount").asLong()).isZero();
        assertThat(ndjson("/posts?author={a}", author)).isEmpty();
        problem(http.post().uri("/posts/{id}/replies", postId).bodyValue(Map.of("body", "First!", "authorName", "Eve"))
                .exchange(), HttpStatus.NOT_FOUND);

        // Its author and admins list it; nobody else may.
        JsonNode drafts = getAs(as(author), "/authors/{a}/drafts", author);
        assertThat(drafts.get("items")).hasSize(1);
        JsonNode line = drafts.get("items").get(0);
        assertThat(line.get("postId").asText()).isEqualTo(postId);
        assertThat(line.get("status").asText()).isEqualTo("draft");
        for (String field : List.of("slug", "title", "updatedAt")) {
            assertThat(line.hasNonNull(field)).as(field).isTrue();
        }
        assertThat(getAs(admin(), "/authors/{a}/drafts", author).get("items")).hasSize(1);
        problem(http.get().uri("/authors/{a}/drafts", author).exchange(), HttpStatus.UNAUTHORIZED);
        problem(http.get().uri("/authors/{a}/drafts", author).headers(as(other)).exchange(), HttpStatus.FORBIDDEN);
        assertThat(getAs(as(other), "/authors/{a}/drafts", other).get("items")).isEmpty();

        // Scheduled: the preview and the list say when.
        String at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("publishAt", at)).exchange()
                .expectStatus().isOk();
        JsonNode scheduled = awaitGetAs(as(author), "/posts/{id}", p -> p.get("version").asLong() == 2, postId);
        assertThat(scheduled.get("status").asText()).isEqualTo("scheduled");
        assertThat(scheduled.get("publishAt").asText()).isEqualTo(at);
        assertThat(getAs(as(author), "/authors/{a}/drafts", author).get("items").get(0).get("publishAt").asText())
                .isEqualTo(at);

        http.post().uri("/posts/{id}/publish", postId).headers(as(author)).exchange().expectStatus().isOk();
        JsonNode published = awaitGet("/posts/{id}", p -> true, postId);
        assertThat(published.get("status").asText()).isEqualTo("published");
        assertThat(published.get("slug").asText()).isEqualTo(slug);
        assertThat(published.get("bodyHtml").asText()).isEqualTo(preview.get("bodyHtml").asText());
        assertThat(published.get("publishedAt").isNull()).isFalse();
        assertThat(published.has("publishAt")).isFalse();
        assertThat(awaitGet("/posts?tag={t}", l -> l.get("items").size() == 1, tag).get("items").get(0)
                .get("postId").asText()).isEqualTo(postId);
        awaitGet("/authors/{a}", a -> a.get("postCount").asLong() == 1, author);
        eventually().until(() -> getAs(as(author), "/authors/{a}/drafts", author).get("items").isEmpty());
    }

    @Test
    void aDiscardedDraftIsNotFoundEvenByItsAuthor() {
        String author = registerAuthor();
        String postId = create(author, Map.of("title", unique("Second thoughts"), "status", "draft"))
                .get("postId").asText();
        awaitGetAs(as(author), "/posts/{id}", p -> true, postId);
        http.delete().uri("/posts/{id}", postId).headers(as(author)).exchange().expectStatus().isNoContent();
        eventually().until(() -> http.get().uri("/posts/{id}", postId).headers(as(author)).exchange()
                .returnResult(String.class).getStatus().value() == 404);
        assertThat(getAs(as(author), "/authors/{a}/drafts", author).get("items")).isEmpty();
    }

    @Test
    void draftsPageMostRecentlyChangedFirst() {
        String author = registerAuthor();
        String first = create(author, Map.of("title", unique("One"), "status", "draft")).get("postId").asText();
        String second = create(author, Map.of("title", unique("Two"), "status", "draft")).get("postId").asText();
        String third = create(author, Map.of("title", unique("Three"), "status", "draft")).get("postId").asText();
        eventually().until(() -> getAs(as(author), "/authors/{a}/drafts", author).get("items").size() == 3);
        // Revising the first makes it the most recent.
        http.put().uri("/posts/{id}", first).headers(as(author))
                .bodyValue(Map.of("title", "One, revised", "bodyMarkdown", "More.")).exchange().expectStatus().isOk();
        eventually().until(() -> getAs(as(author), "/authors/{a}/drafts", author).get("items").get(0)
                .get("postId").asText().equals(first));
        JsonNode page = getAs(as(author), "/authors/{a}/drafts?limit=2", author);
        assertThat(page.get("items")).extracting(i -> i.get("postId").asText()).containsExactly(first, third);
        JsonNode rest = getAs(as(author), "/authors/{a}/drafts?limit=2&cursor={c}", author,
                page.get("nextCursor").asText());
        assertThat(rest.get("items")).extracting(i -> i.get("postId").asText()).containsExactly(second);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        problem(http.get().uri("/authors/{a}/drafts?cursor=forged!", author).headers(as(author)).exchange(),
                HttpStatus.BAD_REQUEST);
    }

    @Test
    void livePostSubscribersHearOfADraftOnlyWhenItIsPublished() {
        String author = registerAuthor();
        String title = unique("Held back");
        String[] postId = new String[1];
        StepVerifier.create(sse("/posts").filter(e -> e.event() != null || "subscribed".equals(e.comment())))
                .assertNext(e -> assertThat(e.comment()).isEqualTo("subscribed"))
                .then(() -> {
                    postId[0] = create(author, Map.of("title", title, "status", "draft")).get("postId").asText();
                    awaitGetAs(as(author), "/posts/{id}", p -> true, postId[0]);
                    http.post().uri("/posts/{id}/publish", postId[0]).headers(as(author)).exchange()
                            .expectStatus().isOk();
                })
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("post-published");
                    assertThat(read(e.data()).get("postId").asText()).isEqualTo(postId[0]);
                    assertThat(read(e.data()).get("title").asText()).isEqualTo(title);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aScheduledPostReachesLiveSubscribersAtItsTime() {
        String author = registerAuthor();
        String title = unique("On time");
        Instant[] at = new Instant[1];
        StepVerifier.create(sse("/posts").filter(e -> e.event() != null || "subscribed".equals(e.comment())))
                .assertNext(e -> assertThat(e.comment()).isEqualTo("subscribed"))
                .then(() -> {
                    at[0] = Instant.now().plusSeconds(2);
                    create(author, Map.of("title", title, "status", "scheduled", "publishAt", at[0].toString()));
                })
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("post-published");
                    assertThat(read(e.data()).get("title").asText()).isEqualTo(title);
                    assertThat(Instant.now()).isAfterOrEqualTo(at[0]);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    // ---- helpers

    JsonNode create(String author, Map<String, ?> post) {
        Map<String, Object> body = new HashMap<>(post);
        body.put("authorId", author);
        body.putIfAbsent("bodyMarkdown", "Some text.");
        return read(http.post().uri("/posts").headers(as(author)).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }

    void problem(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response, HttpStatus status) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status.value());
    }
}
