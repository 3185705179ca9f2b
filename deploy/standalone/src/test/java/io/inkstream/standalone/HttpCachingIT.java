package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** What caches and clients are told: who may keep an answer, its tag, 304s, and the next page. */
class HttpCachingIT extends BackendTest {

    @Test
    void aPublicReadMayBeKeptAndIsRevalidatedByItsTag() {
        String author = registerAuthor();
        String post = publish(author, unique("Cached"), List.of());
        reply(post, Map.of("authorName", "First", "body", "One"));
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asInt() == 1, post);

        EntityExchangeResult<byte[]> first = http.get().uri("/posts/{id}/replies", post).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "public, max-age=10")
                .expectHeader().values("Vary", vary -> assertThat(vary).contains("Accept", "Authorization"))
                .expectBody().returnResult();
        String tag = first.getResponseHeaders().getETag();
        assertThat(tag).startsWith("\"").endsWith("\"");
        http.get().uri("/posts/{id}/replies", post).header("If-None-Match", tag).exchange()
                .expectStatus().isNotModified().expectBody().isEmpty();

        // A new reply is a new answer: the old tag no longer matches.
        reply(post, Map.of("authorName", "Second", "body", "Two"));
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asInt() == 2, post);
        http.get().uri("/posts/{id}/replies", post).header("If-None-Match", tag).exchange()
                .expectStatus().isOk()
                .expectHeader().value("ETag", now -> assertThat(now).isNotEqualTo(tag))
                .expectBody().jsonPath("$.replyCount").isEqualTo(2);

        // An author page and a list are tagged too, from their bytes.
        for (String uri : List.of("/authors/" + author, "/posts?author=" + author)) {
            String listed = http.get().uri(uri).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("Cache-Control", "public, max-age=10")
                    .expectBody().returnResult().getResponseHeaders().getETag();
            assertThat(listed).as(uri).isNotNull();
            http.get().uri(uri).header("If-None-Match", listed).exchange().expectStatus().isNotModified();
        }
    }

    @Test
    void whatCredentialsChoseStreamsAndErrorsAreNotKept() {
        String author = registerAuthor();
        String post = publish(author, unique("Private view"), List.of());
        awaitGet("/posts/{id}", p -> true, post);
        // The author reads the thread with what waits for moderation: private.
        http.get().uri("/posts/{id}/replies", post).headers(as(author)).exchange().expectStatus().isOk()
                .expectHeader().value("Cache-Control", cc -> assertThat(cc).contains("private").contains("no-store"));
        http.get().uri("/posts/{id}/replies", post).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("Cache-Control", "no-store");
        http.get().uri("/posts/{id}", "no-such-post").exchange().expectStatus().isNotFound()
                .expectHeader().valueEquals("Cache-Control", "no-store");
        // The post page's tag is its version (API.md): it does not move with the reply count,
        // so shared caches must not keep it; the version still answers 304.
        http.get().uri("/posts/{id}", post).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().value("Cache-Control", cc -> assertThat(cc).doesNotContain("public"));
        http.get().uri("/posts/{id}", post).header("If-None-Match", "\"1\"").exchange()
                .expectStatus().isEqualTo(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void aPageLinksToTheNext() {
        String author = registerAuthor();
        for (int i = 0; i < 3; i++) {
            publish(author, unique("Linked " + i), List.of());
        }
        String post = publish(author, unique("Long thread"), List.of());
        for (int i = 0; i < 3; i++) {
            reply(post, Map.of("authorName", "R", "body", "No. " + i));
        }
        awaitGet("/posts?author={a}&limit=10", l -> l.get("items").size() == 4, author);
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asInt() == 3, post);

        int seen = 0;
        String next = "/posts?author=" + author + "&limit=3";
        while (next != null) {
            EntityExchangeResult<String> page = http.get().uri(next).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult();
            seen += read(page.getResponseBody()).get("items").size();
            String link = page.getResponseHeaders().getFirst("Link");
            String cursor = read(page.getResponseBody()).path("nextCursor").asText(null);
            assertThat(link == null).as("a Link exactly when there is a next page").isEqualTo(cursor == null);
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            if (next != null) {
                assertThat(link).endsWith("; rel=\"next\"");
                assertThat(next).startsWith("/posts?").contains("author=" + author).contains("limit=3").contains("cursor=");
            }
        }
        assertThat(seen).isEqualTo(4);

        String threadLink = http.get().uri("/posts/{id}/replies?limit=2", post).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getFirst("Link");
        assertThat(threadLink).startsWith("</posts/" + post + "/replies?limit=2&cursor=");
        String second = threadLink.substring(1, threadLink.indexOf('>'));
        http.get().uri(second).exchange().expectStatus().isOk()
                .expectHeader().doesNotExist("Link")
                .expectBody().jsonPath("$.replies.length()").isEqualTo(1);
    }
}
