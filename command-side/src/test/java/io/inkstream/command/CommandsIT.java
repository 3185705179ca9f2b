package io.inkstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every command of API.md over real HTTP, against the command side on an embedded MongoDB. */
class CommandsIT extends CommandSideTest {

    String author;

    @BeforeEach
    void registerAnAuthor() {
        author = "author-" + UUID.randomUUID().toString().substring(0, 8);
        registerAuthor(author).expectStatus().isCreated();
    }

    // ---- authors

    ResponseSpec registerAuthor(String id) {
        return http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", id, "displayName", "Jon Ingham", "password", PASSWORD,
                        "bio", "I graduated from Imperial College", "contact", "jon [at] example"))
                .exchange();
    }

    @Test
    void adminRegistersAnAuthor() {
        String id = "jon-" + UUID.randomUUID().toString().substring(0, 8);
        registerAuthor(id).expectStatus().isCreated()
                .expectHeader().location("/authors/" + id)
                .expectBody().jsonPath("$.authorId").isEqualTo(id).jsonPath("$.version").isEqualTo(1);
        assertThat(payloadTypes(id)).containsExactly("AuthorRegistered");
    }

    @Test
    void takenAuthorIdIsAConflict() {
        problem(registerAuthor(author), HttpStatus.CONFLICT).jsonPath("$.detail").value(d ->
                assertThat((String) d).contains(author));
    }

    @Test
    void invalidRegistrationNamesTheFieldsAndClaimsNothing() {
        String id = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        problem(http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", id, "displayName", " ", "password", PASSWORD)).exchange(),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("displayName");
        problem(http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", "Not Valid!", "displayName", "X", "password", PASSWORD)).exchange(),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("authorId");
        problem(http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", id, "displayName", "X", "password", "short")).exchange(),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("password");
        // Every invalid field at once, as a post's are.
        problem(http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", "Not Valid!", "displayName", " ", "bio", "b".repeat(5_001),
                        "password", "short")).exchange(), HttpStatus.BAD_REQUEST)
                .jsonPath("$.detail").isEqualTo("4 fields are invalid.")
                .jsonPath("$.errors[*].field").isEqualTo(List.of("authorId", "displayName", "bio", "password"));
        problem(http.post().uri("/authors").headers(admin()).bodyValue(Map.of("password", PASSWORD)).exchange(),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[*].field").isEqualTo(List.of("authorId", "displayName"));
        // The rejected attempts left the id free.
        registerAuthor(id).expectStatus().isCreated();
        assertThat(payloadTypes(id)).containsExactly("AuthorRegistered");
    }

    @Test
    void optionsIsAnsweredWithoutCredentials() {
        // No origin is configured here: CORS refuses a browser's preflight, not authentication.
        http.options().uri("/posts/{id}", "any").header("Origin", "https://blog.example")
                .header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "Authorization")
                .exchange().expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectHeader().doesNotExist("WWW-Authenticate");
        // A plain OPTIONS says what the path allows (it was 401).
        http.options().uri("/posts").exchange().expectStatus().isOk()
                .expectHeader().value("Allow", allow -> assertThat(allow).contains("POST"));
    }

    @Test
    void onlyAdminRegistersAuthors() {
        problem(http.post().uri("/authors").bodyValue(Map.of("authorId", "x1", "displayName", "X",
                "password", PASSWORD)).exchange(), HttpStatus.UNAUTHORIZED);
        problem(http.post().uri("/authors").headers(as(author))
                .bodyValue(Map.of("authorId", "x1", "displayName", "X", "password", PASSWORD)).exchange(),
                HttpStatus.FORBIDDEN);
        problem(http.post().uri("/authors").headers(h -> h.setBasicAuth("admin", "wrong"))
                .bodyValue(Map.of()).exchange(), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void authorUpdatesOnlyItsOwnProfile() {
        http.patch().uri("/authors/{id}", author).headers(as(author)).bodyValue(Map.of("bio", "New bio"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.authorId").isEqualTo(author).jsonPath("$.version").isEqualTo(2);
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        registerAuthor(other).expectStatus().isCreated();
        problem(http.patch().uri("/authors/{id}", author).headers(as(other))
                .bodyValue(Map.of("bio", "hijacked")).exchange(), HttpStatus.FORBIDDEN);
        problem(http.patch().uri("/authors/{id}", "nobody-here").headers(admin())
                .bodyValue(Map.of("bio", "x")).exchange(), HttpStatus.NOT_FOUND);
        problem(http.patch().uri("/authors/{id}", author).bodyValue(Map.of("bio", "x")).exchange(),
                HttpStatus.UNAUTHORIZED);
        problem(http.patch().uri("/authors/{id}", author).headers(as(author))
                .bodyValue(Map.of("displayName", "x".repeat(101))).exchange(), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("displayName");
        assertThat(payloadTypes(author)).containsExactly("AuthorRegistered", "AuthorProfileUpdated");
    }

    // ---- posts

    Map<String, Object> post(String authorId, String title) {
        return Map.of("authorId", authorId, "title", title, "bodyMarkdown", "## Heading\n\nText.",
                "tags", List.of("informal learning", "social learning"),
                "canonicalUrl", "https://strategic-hcm.example/2010/01/josh",
                "relatedLinks", List.of(Map.of("title", "Social learning", "url", "https://strategic-hcm.example/s")));
    }

    String publish(String title) {
        return http.post().uri("/posts").headers(as(author)).bodyValue(post(author, title)).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("postId").toString();
    }

    @Test
    void authorPublishesAPost() {
        String title = "Josh Bersin " + UUID.randomUUID();
        var body = http.post().uri("/posts").headers(as(author)).header("X-Correlation-Id", "corr-42")
                .bodyValue(post(author, title)).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Correlation-Id", "corr-42")
                .expectBody(Map.class).returnResult();
        String postId = body.getResponseBody().get("postId").toString();
        assertThat(body.getResponseHeaders().getLocation()).hasToString("/posts/" + postId);
        assertThat(body.getResponseBody()).containsEntry("slug", "josh-bersin-" + title.substring(12).toLowerCase())
                .containsEntry("version", 1);
        DomainEventMessage<?> stored = events.readEvents(postId).next();
        assertThat(stored.getMetaData()).containsEntry("principal", author).containsEntry("correlationId", "corr-42");
        assertThat(stored.getTimestamp()).isNotNull();
    }

    @Test
    void sameTitleGetsTheNextSlug() {
        String title = "Same title " + UUID.randomUUID();
        publish(title);
        http.post().uri("/posts").headers(as(author)).bodyValue(post(author, title)).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.slug").value(s -> assertThat((String) s).endsWith("-2"));
    }

    @Test
    void publishingRejectionsStoreNothing() {
        String title = "Rejected " + UUID.randomUUID();
        problem(http.post().uri("/posts").headers(admin()).bodyValue(post("no-such-author", title)).exchange(),
                HttpStatus.NOT_FOUND);
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        registerAuthor(other).expectStatus().isCreated();
        problem(http.post().uri("/posts").headers(as(other)).bodyValue(post(author, title)).exchange(),
                HttpStatus.FORBIDDEN);
        problem(http.post().uri("/posts").bodyValue(post(author, title)).exchange(), HttpStatus.UNAUTHORIZED);
        problem(http.post().uri("/posts").headers(as(author))
                .bodyValue(Map.of("authorId", author, "title", "", "tags", List.of(), "canonicalUrl", "ftp://x"))
                .exchange(), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[*].field").value(f -> assertThat((List<String>) f)
                        .containsExactlyInAnyOrder("title", "bodyMarkdown", "canonicalUrl"));
        problem(http.post().uri("/posts").headers(as(author)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"authorId\": \"" + author + "\", \"tags\": \"not-a-list\"}").exchange(),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("tags");
        problem(http.post().uri("/posts").headers(as(author)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange(), HttpStatus.BAD_REQUEST);
        // None of the rejected attempts kept the slug.
        http.post().uri("/posts").headers(as(author)).bodyValue(post(author, title)).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.slug")
                .value(s -> assertThat((String) s).doesNotEndWith("-2"));
    }

    @Test
    void editWithIfMatch() {
        String postId = publish("Editable " + UUID.randomUUID());
        http.put().uri("/posts/{id}", postId).headers(as(author)).header("If-Match", "\"1\"")
                .bodyValue(post(author, "Edited")).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.postId").isEqualTo(postId).jsonPath("$.version").isEqualTo(2);
        problem(http.put().uri("/posts/{id}", postId).headers(as(author)).header("If-Match", "\"1\"")
                .bodyValue(post(author, "Stale")).exchange(), HttpStatus.PRECONDITION_FAILED);
        // A tag this API never gave is the client's mistake, not a stale copy.
        for (String tag : List.of("\"abc\"", "\"2\", \"3\"", "\"-1\"")) {
            problem(http.put().uri("/posts/{id}", postId).headers(as(author)).header("If-Match", tag)
                    .bodyValue(post(author, "Tagged badly")).exchange(), HttpStatus.BAD_REQUEST)
                    .jsonPath("$.errors[0].field").isEqualTo("If-Match");
        }
        http.put().uri("/posts/{id}", postId).headers(as(author)).bodyValue(post(author, "No precondition"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);
        assertThat(payloadTypes(postId)).containsExactly("PostPublished", "PostEdited", "PostEdited");
    }

    @Test
    void editRejections() {
        String postId = publish("Guarded " + UUID.randomUUID());
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        registerAuthor(other).expectStatus().isCreated();
        problem(http.put().uri("/posts/{id}", postId).headers(as(other)).bodyValue(post(author, "x")).exchange(),
                HttpStatus.FORBIDDEN);
        problem(http.put().uri("/posts/{id}", UUID.randomUUID()).headers(as(author))
                .bodyValue(post(author, "x")).exchange(), HttpStatus.NOT_FOUND);
        // An id no post could have names nothing: not found, not a bad request.
        problem(http.put().uri("/posts/{id}", "no such id!").headers(as(author))
                .bodyValue(post(author, "x")).exchange(), HttpStatus.NOT_FOUND);
        problem(http.post().uri("/posts/{id}/replies", "p".repeat(101))
                .bodyValue(Map.of("body", "hi", "authorName", "Jane")).exchange(), HttpStatus.NOT_FOUND);
        problem(http.put().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("title", "t".repeat(301), "bodyMarkdown", "b")).exchange(), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("title");
        // A post keeps its author: a revision naming another is refused, not quietly kept.
        problem(http.put().uri("/posts/{id}", postId).headers(as(author)).bodyValue(post(other, "Taken over")).exchange(),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("authorId");
        http.delete().uri("/posts/{id}", postId).headers(as(author)).exchange().expectStatus().isNoContent();
        problem(http.put().uri("/posts/{id}", postId).headers(as(author)).bodyValue(post(author, "x")).exchange(),
                HttpStatus.GONE);
        assertThat(payloadTypes(postId)).containsExactly("PostPublished", "PostUnpublished");
    }

    @Test
    void replyPolicyAndUnpublishing() {
        String postId = publish("Policy " + UUID.randomUUID());
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("repliesOpen", false))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
        problem(http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of()).exchange(),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("repliesOpen");
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        registerAuthor(other).expectStatus().isCreated();
        problem(http.patch().uri("/posts/{id}", postId).headers(as(other)).bodyValue(Map.of("repliesOpen", true))
                .exchange(), HttpStatus.FORBIDDEN);
        problem(http.patch().uri("/posts/{id}", UUID.randomUUID()).headers(as(author))
                .bodyValue(Map.of("repliesOpen", true)).exchange(), HttpStatus.NOT_FOUND);
        problem(http.delete().uri("/posts/{id}", postId).headers(as(other)).exchange(), HttpStatus.FORBIDDEN);
        problem(http.delete().uri("/posts/{id}", postId).exchange(), HttpStatus.UNAUTHORIZED);
        problem(http.delete().uri("/posts/{id}", "bad.id").headers(admin()).exchange(), HttpStatus.NOT_FOUND);
        http.delete().uri("/posts/{id}", postId).headers(admin()).exchange().expectStatus().isNoContent();
        assertThat(payloadTypes(postId)).containsExactly("PostPublished", "RepliesClosed", "PostUnpublished");
    }

    // ---- replies

    ResponseSpec reply(String postId, Map<String, ?> body) {
        return http.post().uri("/posts/{id}/replies", postId).bodyValue(body).exchange();
    }

    /** A reply's id, from an answer saying it is shown: no moderation holds replies by default. */
    String replyId(ResponseSpec response) {
        Map<?, ?> answer = response.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(answer.get("status")).isEqualTo("published");
        return answer.get("replyId").toString();
    }

    @Test
    void anonymousReadersReplyAndAnswerEachOther() {
        String postId = publish("Replies " + UUID.randomUUID());
        var first = reply(postId, Map.of("authorName", "Jane Hart", "body", "Agree.")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult();
        String parent = first.getResponseBody().get("replyId").toString();
        assertThat(first.getResponseBody()).containsEntry("postId", postId);
        assertThat(first.getResponseHeaders().getLocation()).hasToString("/posts/" + postId + "/replies/" + parent);
        String child = replyId(http.post().uri("/posts/{id}/replies", postId).headers(as(author))
                .bodyValue(Map.of("body", "Thanks Jane", "parentReplyId", parent)).exchange());
        DomainEventMessage<?> stored = events.readEvents(child).next();
        assertThat(stored.getMetaData()).containsEntry("principal", author);
        assertThat(events.readEvents(parent).next().getMetaData()).containsEntry("principal", "anonymous");
    }

    @Test
    void replyRejections() {
        String postId = publish("Reply rules " + UUID.randomUUID());
        String otherPost = publish("Other " + UUID.randomUUID());
        String elsewhere = replyId(reply(otherPost, Map.of("authorName", "A", "body", "b")));
        problem(reply(postId, Map.of("authorName", "A", "body", "b", "parentReplyId", elsewhere)), HttpStatus.CONFLICT);
        problem(reply(UUID.randomUUID().toString(), Map.of("authorName", "A", "body", "b")), HttpStatus.NOT_FOUND);
        problem(reply(postId, Map.of("body", "no name")), HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("authorName");
        problem(reply(postId, Map.of("authorName", "A", "body", "b", "authorUrl", "javascript:alert(1)")),
                HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field").isEqualTo("authorUrl");
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("repliesOpen", false))
                .exchange().expectStatus().isOk();
        problem(reply(postId, Map.of("authorName", "A", "body", "late")), HttpStatus.CONFLICT);
        http.delete().uri("/posts/{id}", postId).headers(as(author)).exchange().expectStatus().isNoContent();
        problem(reply(postId, Map.of("authorName", "A", "body", "gone")), HttpStatus.GONE);
    }

    @Test
    void idempotentRetryGetsTheFirstAnswerAndStoresOneReply() {
        String postId = publish("Idempotent " + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        var first = http.post().uri("/posts/{id}/replies", postId).header("Idempotency-Key", key)
                .bodyValue(Map.of("authorName", "Jane", "body", "Once")).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        // Closing replies does not change the answer to a retry of a request that succeeded.
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("repliesOpen", false))
                .exchange().expectStatus().isOk();
        var retry = http.post().uri("/posts/{id}/replies", postId).header("Idempotency-Key", key)
                .bodyValue(Map.of("authorName", "Jane", "body", "Once")).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult();
        assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        String replyId = (String) new org.springframework.boot.json.JacksonJsonParser()
                .parseMap(first.getResponseBody()).get("replyId");
        assertThat(payloadTypes(replyId)).containsExactly("ReplyAdded");
    }

    @Test
    void anIdempotencyKeyBelongsToItsCallerAndToOneReply() {
        String postId = publish("Keys " + UUID.randomUUID());
        String key = "shared-key-" + UUID.randomUUID();
        String jane = replyId(http.post().uri("/posts/{id}/replies", postId).header("Idempotency-Key", key)
                .bodyValue(Map.of("authorName", "Jane", "body", "Mine")).exchange());
        // Another anonymous caller with the same key makes its own reply, and it is stored.
        String mallory = replyId(http.post().uri("/posts/{id}/replies", postId).header("Idempotency-Key", key)
                .bodyValue(Map.of("authorName", "Mallory", "body", "Another")).exchange());
        assertThat(mallory).isNotEqualTo(jane);
        assertThat(payloadTypes(mallory)).containsExactly("ReplyAdded");
        // The same caller and key with another body: refused, nothing stored.
        problem(http.post().uri("/posts/{id}/replies", postId).header("Idempotency-Key", key)
                .bodyValue(Map.of("authorName", "Jane", "body", "Something else")).exchange(),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(payloadTypes(jane)).containsExactly("ReplyAdded");
    }

    @Test
    void replyEditsAndModeration() {
        String postId = publish("Moderated " + UUID.randomUUID());
        String reader = "reader-" + UUID.randomUUID().toString().substring(0, 8);
        registerAuthor(reader).expectStatus().isCreated();
        String replyId = replyId(http.post().uri("/posts/{id}/replies", postId).headers(as(reader))
                .bodyValue(Map.of("body", "First")).exchange());
        http.put().uri("/posts/{p}/replies/{r}", postId, replyId).headers(as(reader))
                .bodyValue(Map.of("body", "First, edited")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.replyId").isEqualTo(replyId);
        problem(http.put().uri("/posts/{p}/replies/{r}", postId, replyId).bodyValue(Map.of("body", "x")).exchange(),
                HttpStatus.UNAUTHORIZED);
        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
        registerAuthor(stranger).expectStatus().isCreated();
        problem(http.put().uri("/posts/{p}/replies/{r}", postId, replyId).headers(as(stranger))
                .bodyValue(Map.of("body", "x")).exchange(), HttpStatus.FORBIDDEN);
        problem(http.delete().uri("/posts/{p}/replies/{r}", postId, replyId).headers(as(stranger)).exchange(),
                HttpStatus.FORBIDDEN);
        problem(http.put().uri("/posts/{p}/replies/{r}", postId, UUID.randomUUID()).headers(admin())
                .bodyValue(Map.of("body", "x")).exchange(), HttpStatus.NOT_FOUND);
        http.delete().uri("/posts/{p}/replies/{r}", postId, replyId).headers(as(author)).exchange()
                .expectStatus().isNoContent();
        problem(http.put().uri("/posts/{p}/replies/{r}", postId, replyId).headers(admin())
                .bodyValue(Map.of("body", "x")).exchange(), HttpStatus.GONE);
        assertThat(payloadTypes(replyId)).containsExactly("ReplyAdded", "ReplyEdited", "ReplyRemoved");
    }

    // ---- tokens and errors

    @Test
    void bearerTokenWorksInsteadOfBasic() {
        var token = http.post().uri("/auth/token").headers(as(author)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(token).containsKeys("token", "expiresAt");
        http.post().uri("/posts").headers(h -> h.setBearerAuth(token.get("token").toString()))
                .bodyValue(post(author, "Via token " + UUID.randomUUID())).exchange().expectStatus().isCreated();
        problem(http.post().uri("/posts").headers(h -> h.setBearerAuth(token.get("token") + "x"))
                .bodyValue(post(author, "Forged")).exchange(), HttpStatus.UNAUTHORIZED);
        problem(http.post().uri("/auth/token").exchange(), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        problem(http.get().uri("/no/such/thing").exchange(), HttpStatus.NOT_FOUND);
        problem(http.post().uri("/posts/{id}/replies", "x").contentType(MediaType.TEXT_PLAIN).bodyValue("hi").exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    // ---- helpers

    org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec problem(ResponseSpec response,
            HttpStatus status) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.type").isNotEmpty()
                .jsonPath("$.detail").value(d -> assertThat((String) d).doesNotContain("Exception", "at io.", "com.mongodb"));
    }

}
