package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inkstream.api.post.PostSummary;
import io.inkstream.api.post.StreamPostsQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.test.StepVerifier;

/** Every query of API.md as JSON and NDJSON, over HTTP, after commands sent over HTTP. */
class QueriesIT extends BackendTest {

    @Autowired
    ReactorQueryGateway queries;

    @Test
    void postPageBySlugOrIdWithETag() {
        String author = registerAuthor();
        JsonNode published = publish(author, Map.of("title", unique("ETag post"), "bodyMarkdown", "## Hello"));
        String postId = published.get("postId").asText();
        JsonNode page = awaitGet("/posts/{id}", p -> true, published.get("slug").asText());
        assertThat(page.get("postId").asText()).isEqualTo(postId);
        assertThat(page.get("bodyHtml").asText()).isEqualTo("<h2>Hello</h2>\n");
        http.get().uri("/posts/{id}", postId).exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        http.get().uri("/posts/{id}", postId).header("If-None-Match", "\"1\"").exchange()
                .expectStatus().isNotModified();
    }

    /**
     * Reads without credentials take a short way past security; one with credentials still
     * has them checked, and the private reads still ask for them.
     */
    @Test
    void publicReadsNeedNoCallerButCredentialsAreStillChecked() {
        String author = registerAuthor();
        String postId = publish(author, unique("Read by anyone"), List.of());
        awaitGet("/posts/{id}", p -> true, postId);
        http.get().uri("/posts/{id}", postId).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        http.get().uri("/posts/{id}/replies", postId).exchange().expectStatus().isOk();
        http.get().uri("/posts/{id}", postId).headers(as(author)).exchange().expectStatus().isOk();
        for (String uri : List.of("/posts/" + postId, "/posts/" + postId + "/replies", "/authors/" + author)) {
            http.get().uri(uri).headers(h -> h.setBasicAuth(author, "not-the-password")).exchange()
                    .expectStatus().isUnauthorized();
            http.get().uri(uri).headers(h -> h.setBearerAuth("not.a.token")).exchange().expectStatus().isUnauthorized();
        }
        http.get().uri("/authors/{a}/drafts", author).exchange().expectStatus().isUnauthorized();
        http.get().uri("/moderation?status=pending").exchange().expectStatus().isUnauthorized();
        http.get().uri("/admin/projections").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/health").exchange().expectStatus().value(status -> assertThat(status).isNotEqualTo(401));
    }

    @Test
    void unknownAndUnpublishedPostsAreProblems() {
        problem("/posts/{id}", HttpStatus.NOT_FOUND, "no-such-post");
        problem("/posts/{id}/replies", HttpStatus.NOT_FOUND, "no-such-post");
        problem("/authors/{id}", HttpStatus.NOT_FOUND, "no-such-author");
        problem("/authors/{id}/posts", HttpStatus.NOT_FOUND, "no-such-author");
        problem("/posts?limit={l}", HttpStatus.BAD_REQUEST, 0);
        problem("/posts?cursor={c}", HttpStatus.BAD_REQUEST, "not-a-cursor!");
        // A parameter of the wrong form is named, as a body's field is.
        for (String uri : List.of("/posts?limit=abc", "/posts/any/replies?limit=abc", "/authors/any/posts?limit=1.5")) {
            http.get().uri(uri).exchange().expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.type").isEqualTo("urn:inkstream:problem:invalid-fields")
                    .jsonPath("$.errors[0].field").isEqualTo("limit")
                    .jsonPath("$.detail").isEqualTo("Field 'limit' has the wrong type or format.");
        }
        String author = registerAuthor();
        String postId = publish(author, unique("Soon gone"), List.of());
        awaitGet("/posts/{id}", p -> true, postId);
        http.delete().uri("/posts/{id}", postId).headers(as(author)).exchange().expectStatus().isNoContent();
        eventually().until(() -> http.get().uri("/posts/{id}", postId).exchange().returnResult(String.class)
                .getStatus().value() == 410);
        problem("/posts/{id}", HttpStatus.GONE, postId);
        problem("/posts/{id}/replies", HttpStatus.GONE, postId);
    }

    @Test
    void tagsMatchWhateverTheirCaseAndKeepTheAuthorsSpelling() {
        String author = registerAuthor();
        String tag = unique("Informal Learning");
        String first = publish(author, "Tagged once", List.of(tag, tag.toLowerCase(java.util.Locale.ROOT)));
        String second = publish(author, "Tagged again", List.of(tag.toUpperCase(java.util.Locale.ROOT)));
        JsonNode found = awaitGet("/posts?tag={t}", l -> l.get("items").size() == 2, tag.toLowerCase(java.util.Locale.ROOT));
        assertThat(found.get("items")).extracting(i -> i.get("postId").asText()).containsExactly(second, first);
        assertThat(found.get("items").get(1).get("tags")).extracting(JsonNode::asText).containsExactly(tag);
        assertThat(found.get("items").get(0).get("tags")).extracting(JsonNode::asText)
                .containsExactly(tag.toUpperCase(java.util.Locale.ROOT));
        assertThat(ndjson("/posts?tag={t}", "  " + tag.toUpperCase(java.util.Locale.ROOT).replace(" ", "   ")))
                .hasSize(2);
        assertThat(get("/posts?tag={t}", tag.replace(" ", "")).get("items")).isEmpty();
    }

    @Test
    void aTitleWithNoLatinLettersGetsAReadableSlugThatIsFoundPercentEncoded() {
        String author = registerAuthor();
        String word = unique("мир").replace("-", "");
        JsonNode published = publish(author, Map.of("title", "Привет, " + word + "!"));
        String slug = published.get("slug").asText();
        assertThat(slug).isEqualTo("привет-" + word.toLowerCase(java.util.Locale.ROOT));
        // The client sends the slug percent-encoded, as a browser does: /posts/%D0%BF%D1%80%D0%B8…
        JsonNode page = awaitGet("/posts/{slug}", p -> true, slug);
        assertThat(page.get("postId").asText()).isEqualTo(published.get("postId").asText());
        assertThat(page.get("slug").asText()).isEqualTo(slug);
    }

    void problem(String uri, HttpStatus status, Object... vars) {
        http.get().uri(uri, vars).exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status.value());
    }

    @Test
    void pagingStaysExactWhilePostsArePublished() {
        String author = registerAuthor();
        String tag = unique("paging");
        List<String> originals = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            originals.add(0, publish(author, "Paged " + i, List.of(tag)));
        }
        awaitGet("/posts?tag={t}&limit=100", l -> l.get("items").size() == 7, tag);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int published = 0;
        do {
            JsonNode page = cursor == null ? get("/posts?tag={t}&limit=3", tag)
                    : get("/posts?tag={t}&limit=3&cursor={c}", tag, cursor);
            page.get("items").forEach(item -> seen.add(item.get("postId").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            // Newer posts arrive between page fetches; they sort before the cursor.
            publish(author, "Newcomer " + published, List.of(tag));
            published++;
            int expected = 7 + published;
            awaitGet("/posts?tag={t}&limit=100", l -> l.get("items").size() == expected, tag);
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(originals);
    }

    @Test
    void listsFilterByAuthorAndTagNewestFirst() {
        String author = registerAuthor();
        String other = registerAuthor();
        String tag = unique("tag");
        String older = publish(author, "Older", List.of(tag));
        String newer = publish(author, "Newer", List.of(tag, "other"));
        publish(other, "Someone else's", List.of(tag));
        JsonNode mine = awaitGet("/authors/{a}/posts", l -> l.get("items").size() == 2, author);
        assertThat(mine.get("items")).extracting(i -> i.get("postId").asText()).containsExactly(newer, older);
        JsonNode byBoth = get("/posts?author={a}&tag={t}", author, tag);
        assertThat(byBoth.get("items")).extracting(i -> i.get("postId").asText()).containsExactly(newer, older);
        JsonNode summary = mine.get("items").get(0);
        assertThat(summary.get("author").get("authorId").asText()).isEqualTo(author);
        for (String field : List.of("slug", "title", "excerpt", "tags", "publishedAt", "replyCount")) {
            assertThat(summary.has(field)).as(field).isTrue();
        }
        JsonNode tagged = awaitGet("/posts?tag={t}", l -> l.get("items").size() == 3, tag);
        assertThat(tagged.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void ndjsonStreamsEveryMatchingItem() {
        String author = registerAuthor();
        String tag = unique("stream");
        for (int i = 0; i < 5; i++) {
            publish(author, "Streamed " + i, List.of(tag));
        }
        awaitGet("/posts?tag={t}", l -> l.get("items").size() == 5, tag);
        List<JsonNode> lines = ndjson("/posts?tag={t}", tag);
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l.get("title").asText()).startsWith("Streamed"));
        assertThat(ndjson("/authors/{a}/posts", author)).hasSize(5);
    }

    @Test
    void streamingQueryDeliversOnlyWhatTheReaderAsksFor() {
        String author = registerAuthor();
        String tag = unique("demand");
        for (int i = 0; i < 6; i++) {
            publish(author, "Demand " + i, List.of(tag));
        }
        awaitGet("/posts?tag={t}", l -> l.get("items").size() == 6, tag);
        StepVerifier.create(queries.streamingQuery(new StreamPostsQuery(null, tag), PostSummary.class), 2)
                .expectNextCount(2)
                .expectNoEvent(Duration.ofMillis(300))
                .thenRequest(1)
                .expectNextCount(1)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void threadAsNestedJsonAndFlatNdjson() {
        String author = registerAuthor();
        String postId = publish(author, unique("Thread"), List.of());
        awaitGet("/posts/{id}", p -> true, postId);
        String r1 = reply(postId, Map.of("authorName", "Jane", "body", "First"));
        String r2 = reply(postId, Map.of("authorName", "Jon", "body", "Answer", "parentReplyId", r1));
        String r3 = reply(postId, Map.of("authorName", "Reader", "body", "Second"));
        JsonNode thread = awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 3, postId);
        assertThat(thread.get("postId").asText()).isEqualTo(postId);
        assertThat(thread.get("replies")).extracting(r -> r.get("replyId").asText()).containsExactly(r1, r3);
        assertThat(thread.get("replies").get(0).get("replies").get(0).get("replyId").asText()).isEqualTo(r2);
        List<JsonNode> flat = ndjson("/posts/{id}/replies", postId);
        assertThat(flat).extracting(r -> r.get("replyId").asText()).containsExactly(r1, r2, r3);
        assertThat(flat).extracting(r -> r.get("depth").asInt()).containsExactly(0, 1, 0);
        assertThat(flat.get(1).get("parentReplyId").asText()).isEqualTo(r1);
        assertThat(awaitGet("/posts/{id}", p -> p.get("replyCount").asLong() == 3, postId)).isNotNull();

        http.delete().uri("/posts/{p}/replies/{r}", postId, r1).headers(admin()).exchange().expectStatus().isNoContent();
        JsonNode after = awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 2, postId);
        JsonNode placeholder = after.get("replies").get(0);
        assertThat(placeholder.get("removed").asBoolean()).isTrue();
        assertThat(placeholder.get("bodyHtml").asText()).isEmpty();
        assertThat(placeholder.get("replies").get(0).get("replyId").asText()).isEqualTo(r2);
    }

    @Test
    void scriptsNeverReachReaders() {
        String author = registerAuthor();
        String postId = publish(author, Map.of("title", unique("XSS"), "bodyMarkdown",
                "Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
                        + "![p](data:image/png;base64,AAAA) <p style=\"color:red\">red</p>")).get("postId").asText();
        JsonNode page = awaitGet("/posts/{id}", p -> true, postId);
        String html = page.get("bodyHtml").asText().toLowerCase();
        assertThat(html).doesNotContain("<script", "onerror", "javascript:", "data:", "style=");
        reply(postId, Map.of("authorName", "<b>Mallory</b>", "body",
                "<img src=x onerror=alert(1)> [y](javascript:alert(2)) https://example.org"));
        JsonNode thread = awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 1, postId);
        String replyHtml = thread.get("replies").get(0).get("bodyHtml").asText();
        assertThat(replyHtml).doesNotContain("<img", "javascript:").contains("nofollow");
    }

    /** A reply by an author is shown as theirs, verified; a reader cannot pass for them. */
    @Test
    void anAuthorsReplyCarriesTheAuthorAndAReadersDoesNot() {
        String author = registerAuthor(unique("verified"), Map.of("displayName", "Alice Writer"));
        String postId = publish(author, unique("Verified"), List.of());
        http.post().uri("/posts/{id}/replies", postId).headers(as(author))
                .bodyValue(Map.of("body", "From the author", "authorName", "Someone")).exchange()
                .expectStatus().isCreated();
        reply(postId, Map.of("authorName", "Alice Writer", "body", "From a reader"));
        http.post().uri("/posts/{id}/replies", postId)
                .bodyValue(Map.of("authorName", author.toUpperCase(), "body", "Pretending")).exchange()
                .expectStatus().isBadRequest();
        JsonNode thread = awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asInt() == 2, postId);
        JsonNode mine = thread.get("replies").get(0);
        JsonNode theirs = thread.get("replies").get(1);
        assertThat(mine.get("authorName").asText()).isEqualTo("Alice Writer");
        assertThat(mine.get("author").get("authorId").asText()).isEqualTo(author);
        assertThat(mine.get("author").get("displayName").asText()).isEqualTo("Alice Writer");
        assertThat(theirs.get("authorName").asText()).isEqualTo("Alice Writer");
        assertThat(theirs.get("author").isNull()).isTrue();
    }
}
