package io.inkstream.command.post;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.api.post.PostPublished;
import io.inkstream.command.CommandSideTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** Drafts and scheduled posts over HTTP: every step an event, every rejection none. */
class DraftsIT extends CommandSideTest {

    String author;
    String other;

    @BeforeEach
    void registerAuthors() {
        author = register("author");
        other = register("other");
    }

    @Test
    void aDraftIsRevisedThenPublishedUnderTheSlugItTookFirst() {
        String title = "Draft " + UUID.randomUUID();
        Map<String, Object> created = created(create(author, post(title, "draft", null)), "draft");
        String postId = created.get("postId").toString();
        String slug = created.get("slug").toString();
        assertThat(created.get("version")).isEqualTo(1);

        http.put().uri("/posts/{id}", postId).headers(as(author)).bodyValue(post("Better title", null, null))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
        http.put().uri("/posts/{id}", postId).headers(as(author)).header("If-Match", "\"2\"")
                .bodyValue(post("Best title", null, null))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);
        http.post().uri("/posts/{id}/publish", postId).headers(as(author)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.postId").isEqualTo(postId).jsonPath("$.version").isEqualTo(4);

        assertThat(payloadTypes(postId)).containsExactly("PostDrafted", "DraftRevised", "DraftRevised", "PostPublished");
        PostPublished published = (PostPublished) events.readEvents(postId, 0).asStream().toList().get(3).getPayload();
        assertThat(published.title()).isEqualTo("Best title");
        assertThat(published.slug()).isEqualTo(slug);
        problem(http.post().uri("/posts/{id}/publish", postId).headers(as(author)).exchange(), HttpStatus.CONFLICT);
        problem(http.patch().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("publishAt", future(60))).exchange(), HttpStatus.CONFLICT);
        assertThat(payloadTypes(postId)).hasSize(4);
    }

    @Test
    void aScheduledPostIsMovedMadeADraftAgainAndPublishedEarly() {
        String postId = created(create(author, post("Scheduled " + UUID.randomUUID(), "scheduled", future(60))),
                "scheduled").get("postId").toString();
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("publishAt", future(120)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
        Map<String, Object> toDraft = new HashMap<>();
        toDraft.put("publishAt", null);
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(toDraft)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);
        // A draft made a draft again stores nothing.
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(toDraft)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);
        http.patch().uri("/posts/{id}", postId).headers(admin()).bodyValue(Map.of("publishAt", future(30)))
                .exchange().expectStatus().isOk();
        http.post().uri("/posts/{id}/publish", postId).headers(admin()).exchange().expectStatus().isOk();
        assertThat(payloadTypes(postId)).containsExactly("PostDrafted", "PostScheduled", "PostUnscheduled",
                "PostScheduled", "PostPublished");
    }

    @Test
    void badSchedulesAreFieldErrorsAndStoreNothing() {
        String title = "Bad " + UUID.randomUUID();
        problem(create(author, post(title, "scheduled", null)), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("publishAt");
        problem(create(author, post(title, "scheduled", Instant.now().minusSeconds(5).toString())),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("publishAt");
        problem(create(author, post(title, "scheduled", "next tuesday")), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("publishAt");
        problem(create(author, post(title, "draft", future(60))), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("publishAt");
        problem(create(author, post(title, "hidden", null)), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("status");
        problem(create(author, post(title, null, future(60))), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("publishAt");

        String postId = created(create(author, post(title, "draft", null)), "draft").get("postId").toString();
        problem(http.patch().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("publishAt", Instant.now().minusSeconds(60).toString())).exchange(),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("publishAt");
        problem(http.patch().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("publishAt", future(60), "repliesOpen", true)).exchange(),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("publishAt");
        problem(http.patch().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("publishAt", 12)).exchange(), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("publishAt");
        // Replies open when a post is published: a draft has none to close.
        problem(http.patch().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("repliesOpen", false)).exchange(), HttpStatus.CONFLICT);
        assertThat(payloadTypes(postId)).containsExactly("PostDrafted");
    }

    @Test
    void onlyItsAuthorOrAnAdminTouchesADraft() {
        String postId = created(create(author, post("Mine " + UUID.randomUUID(), "draft", null)), "draft")
                .get("postId").toString();
        problem(create(other, Map.of("authorId", author, "title", "As another", "bodyMarkdown", "x",
                "status", "draft")), HttpStatus.FORBIDDEN);
        problem(http.put().uri("/posts/{id}", postId).headers(as(other)).bodyValue(post("Theirs", null, null))
                .exchange(), HttpStatus.FORBIDDEN);
        problem(http.patch().uri("/posts/{id}", postId).headers(as(other)).bodyValue(Map.of("publishAt", future(60)))
                .exchange(), HttpStatus.FORBIDDEN);
        problem(http.post().uri("/posts/{id}/publish", postId).headers(as(other)).exchange(), HttpStatus.FORBIDDEN);
        problem(http.post().uri("/posts/{id}/publish", postId).exchange(), HttpStatus.UNAUTHORIZED);
        problem(http.delete().uri("/posts/{id}", postId).headers(as(other)).exchange(), HttpStatus.FORBIDDEN);
        assertThat(payloadTypes(postId)).containsExactly("PostDrafted");
    }

    @Test
    void aDiscardedDraftIsGoneForGoodAndAnUnpublishedPostCannotBePublishedAgain() {
        String draft = created(create(author, post("Discard " + UUID.randomUUID(), "draft", null)), "draft")
                .get("postId").toString();
        http.delete().uri("/posts/{id}", draft).headers(as(author)).exchange().expectStatus().isNoContent();
        problem(http.post().uri("/posts/{id}/publish", draft).headers(as(author)).exchange(), HttpStatus.NOT_FOUND);
        problem(http.put().uri("/posts/{id}", draft).headers(as(author)).bodyValue(post("Back", null, null)).exchange(),
                HttpStatus.NOT_FOUND);
        assertThat(payloadTypes(draft)).containsExactly("PostDrafted", "DraftDiscarded");

        String published = created(create(author, post("Live " + UUID.randomUUID(), null, null)), "published")
                .get("postId").toString();
        http.delete().uri("/posts/{id}", published).headers(as(author)).exchange().expectStatus().isNoContent();
        problem(http.post().uri("/posts/{id}/publish", published).headers(as(author)).exchange(), HttpStatus.GONE);
        problem(http.post().uri("/posts/{id}/publish", UUID.randomUUID()).headers(admin()).exchange(),
                HttpStatus.NOT_FOUND);
    }

    // ---- helpers

    String register(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", id, "displayName", "Jon Ingham", "password", PASSWORD))
                .exchange().expectStatus().isCreated();
        return id;
    }

    Map<String, Object> post(String title, String status, String publishAt) {
        Map<String, Object> body = new HashMap<>(Map.of("authorId", author, "title", title,
                "bodyMarkdown", "## Heading\n\nText.", "tags", List.of("informal learning")));
        if (status != null) {
            body.put("status", status);
        }
        if (publishAt != null) {
            body.put("publishAt", publishAt);
        }
        return body;
    }

    ResponseSpec create(String login, Map<String, Object> body) {
        return http.post().uri("/posts").headers(as(login)).bodyValue(body).exchange();
    }

    Map<String, Object> created(ResponseSpec response, String status) {
        Map<String, Object> body = response.expectStatus().isCreated()
                .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/posts/"))
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(body.get("status")).isEqualTo(status);
        assertThat(body).containsKeys("postId", "slug", "version");
        return body;
    }

    static String future(int seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    BodyContentSpec problem(ResponseSpec response, HttpStatus status) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status.value());
    }

}
