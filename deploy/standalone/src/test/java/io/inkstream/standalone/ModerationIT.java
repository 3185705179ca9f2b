package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Moderation as its users meet it over HTTP: a held reply answers 202 and is seen by nobody but
 * its post's moderators until one approves it; first-time commenters; the site's rules.
 */
class ModerationIT extends BackendTest {

    static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
    };

    JsonNode held(WebTestClient.ResponseSpec response) {
        return read(response.expectStatus().isAccepted()
                .expectHeader().exists(HttpHeaders.LOCATION)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    WebTestClient.ResponseSpec replyAs(Consumer<HttpHeaders> who, String postId, Map<String, ?> body) {
        return http.post().uri("/posts/{id}/replies", postId).headers(who).bodyValue(body).exchange();
    }

    static Consumer<HttpHeaders> anonymous() {
        return h -> { };
    }

    void moderate(String author, String postId, String mode) {
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("moderation", mode)).exchange()
                .expectStatus().isOk();
    }

    static List<String> ids(JsonNode replies) {
        List<String> ids = new ArrayList<>();
        replies.forEach(r -> {
            ids.add(r.get("replyId").asText());
            ids.addAll(ids(r.get("replies")));
        });
        return ids;
    }

    Flux<ServerSentEvent<String>> live(Consumer<HttpHeaders> who, String uri, Object... vars) {
        return http.get().uri(uri, vars).headers(who).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().returnResult(EVENTS).getResponseBody().filter(e -> e.event() != null);
    }

    @Test
    void aHeldReplyIsSeenByItsModeratorsOnlyUntilApprovedThenInItsPlaceWithTheAnswersThatWaited() {
        String author = registerAuthor();
        String other = registerAuthor();
        String title = unique("Moderated");
        String postId = publish(author, title, List.of());
        String shown = reply(postId, Map.of("authorName", "Early", "body", "Shown at once, before moderation"));
        moderate(author, postId, "all");
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asLong() == 1, postId);

        // Moderators' live queue, in place before the reply comes.
        java.util.concurrent.CompletableFuture<Void> subscribed = new java.util.concurrent.CompletableFuture<>();
        var queue = http.get().uri("/moderation").headers(as(author)).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().returnResult(EVENTS).getResponseBody()
                .doOnNext(e -> {
                    if ("subscribed".equals(e.comment())) {
                        subscribed.complete(null);
                    }
                })
                .filter(e -> "reply-held".equals(e.event())).next().map(e -> read(e.data())).toFuture();
        subscribed.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();

        JsonNode answer = held(replyAs(anonymous(), postId, Map.of("authorName", "Jane Hart",
                "authorEmail", "jane@example.com", "body", "Agree, from a stranger")));
        String heldId = answer.get("replyId").asText();
        assertThat(answer.get("status").asText()).isEqualTo("pending");
        assertThat(answer.get("reasons")).extracting(JsonNode::asText).containsExactly("moderation: all");
        // An author's answer under it is not held (moderation "all" holds anonymous replies), but waits for it.
        String waiting = read(replyAs(as(other), postId, Map.of("body", "Answer to a held reply",
                "parentReplyId", heldId)).expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseBody()).get("replyId").asText();

        JsonNode told = queue.join();
        assertThat(told.get("replyId").asText()).isEqualTo(heldId);
        assertThat(told.get("postTitle").asText()).isEqualTo(title);
        assertThat(told.get("authorEmail").asText()).isEqualTo("jane@example.com");

        // The post's moderators see it, with its status, and the answer under it; nobody else does.
        JsonNode moderated = awaitGetAs(as(author), "/posts/{id}/replies",
                t -> ids(t.get("replies")).contains(waiting), postId);
        assertThat(ids(moderated.get("replies"))).contains(shown, heldId, waiting);
        assertThat(moderated.get("replies").findValuesAsText("status")).contains("pending", "published");
        assertThat(ids(getAs(admin(), "/posts/{id}/replies", postId).get("replies"))).contains(heldId, waiting);
        for (Consumer<HttpHeaders> reader : List.of(anonymous(), as(other))) {
            JsonNode thread = getAs(reader, "/posts/{id}/replies", postId);
            assertThat(ids(thread.get("replies"))).containsExactly(shown);
            assertThat(thread.get("replyCount").asLong()).isEqualTo(1);
            assertThat(thread.toString()).doesNotContain("\"status\"");
        }
        assertThat(ndjson("/posts/{id}/replies", postId)).extracting(r -> r.get("replyId").asText()).containsExactly(shown);
        assertThat(get("/posts/{id}", postId).get("replyCount").asLong()).isEqualTo(1);
        assertThat(http.get().uri("/posts/{id}/replies/feed.atom", postId).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).doesNotContain("Agree, from a stranger");

        // The queue: its post's author and admins, as JSON and NDJSON; another author sees none of it.
        JsonNode mine = getAs(as(author), "/moderation?status=pending");
        assertThat(mine.findValuesAsText("replyId")).containsExactly(heldId);
        assertThat(mine.get(0).get("reasons").get(0).asText()).isEqualTo("moderation: all");
        assertThat(getAs(as(other), "/moderation").findValuesAsText("replyId")).doesNotContain(heldId);
        assertThat(http.get().uri("/moderation").headers(admin()).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody().map(this::read)
                .map(r -> r.get("replyId").asText()).collectList().block(Duration.ofSeconds(10))).contains(heldId);
        assertThat(getAs(admin(), "/moderation?limit=1")).hasSize(1);
        problem(http.get().uri("/moderation").exchange(), HttpStatus.UNAUTHORIZED);
        problem(http.get().uri("/moderation?status=approved").headers(admin()).exchange(), HttpStatus.BAD_REQUEST);

        // Only its moderators decide; approval shows it, live, with the answer that waited.
        problem(http.post().uri("/posts/{p}/replies/{r}/approve", postId, heldId).headers(as(other)).exchange(),
                HttpStatus.FORBIDDEN);
        problem(http.post().uri("/posts/{p}/replies/{r}/approve", postId, heldId).exchange(), HttpStatus.UNAUTHORIZED);
        StepVerifier.create(live(anonymous(), "/posts/{id}/replies", postId))
                .assertNext(e -> assertThat(e.event()).isEqualTo("snapshot"))
                .then(() -> http.post().uri("/posts/{p}/replies/{r}/approve", postId, heldId).headers(as(author))
                        .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("published"))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("reply-added");
                    assertThat(read(e.data()).get("reply").get("replyId").asText()).isEqualTo(heldId);
                })
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("reply-added");
                    assertThat(read(e.data()).get("reply").get("replyId").asText()).isEqualTo(waiting);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(15));
        JsonNode thread = get("/posts/{id}/replies", postId);
        assertThat(ids(thread.get("replies"))).containsExactly(shown, heldId, waiting);
        assertThat(thread.get("replies").get(1).get("replies").get(0).get("replyId").asText()).isEqualTo(waiting);
        assertThat(thread.get("replyCount").asLong()).isEqualTo(3);
        awaitGet("/posts/{id}", p -> p.get("replyCount").asLong() == 3, postId);
        assertThat(getAs(as(author), "/moderation").findValuesAsText("replyId")).doesNotContain(heldId);
        problem(http.post().uri("/posts/{p}/replies/{r}/approve", postId, heldId).headers(as(author)).exchange(),
                HttpStatus.CONFLICT);
    }

    @Test
    void aRejectedReplyIsNeverShownAndCannotBeRemovedOrApproved() {
        String author = registerAuthor();
        String postId = publish(author, unique("Rejecting"), List.of());
        moderate(author, postId, "all");
        String heldId = held(replyAs(anonymous(), postId, Map.of("authorName", "Spammer", "body", "Buy now")))
                .get("replyId").asText();
        problem(http.delete().uri("/posts/{p}/replies/{r}", postId, heldId).headers(as(author)).exchange(),
                HttpStatus.CONFLICT);
        http.post().uri("/posts/{p}/replies/{r}/reject", postId, heldId).headers(admin()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("rejected");
        problem(http.post().uri("/posts/{p}/replies/{r}/approve", postId, heldId).headers(admin()).exchange(),
                HttpStatus.CONFLICT);
        eventually().until(() -> !getAs(admin(), "/moderation").findValuesAsText("replyId").contains(heldId));
        assertThat(ids(getAs(as(author), "/posts/{id}/replies", postId).get("replies"))).isEmpty();
        assertThat(get("/posts/{id}/replies", postId).get("replyCount").asLong()).isZero();
    }

    @Test
    void underFirstTimeAnApprovedCommentersLaterRepliesAreShownAtOnce() {
        String author = registerAuthor();
        String commenter = registerAuthor();
        String postId = publish(author, unique("First time"), List.of());
        moderate(author, postId, "first-time");
        String first = held(replyAs(anonymous(), postId, Map.of("authorName", "Jane", "authorEmail", "Jane@Example.com",
                "body", "My first comment here"))).get("replyId").asText();
        held(replyAs(anonymous(), postId, Map.of("authorName", "Jane", "authorEmail", "jane@example.com",
                "body", "Still not approved")));
        http.post().uri("/posts/{p}/replies/{r}/approve", postId, first).headers(as(author)).exchange().expectStatus().isOk();
        // Known now by her normalized email; a stranger without one is not.
        replyAs(anonymous(), postId, Map.of("authorName", "Jane", "authorEmail", "JANE@example.com",
                "body", "Shown at once")).expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("published");
        held(replyAs(anonymous(), postId, Map.of("authorName", "Stranger", "body", "No email")));
        // An author is known by login; the post's own author never waits.
        String byLogin = held(replyAs(as(commenter), postId, Map.of("body", "An author's first"))).get("replyId").asText();
        http.post().uri("/posts/{p}/replies/{r}/approve", postId, byLogin).headers(admin()).exchange().expectStatus().isOk();
        replyAs(as(commenter), postId, Map.of("body", "Known now")).expectStatus().isCreated();
        replyAs(as(author), postId, Map.of("body", "The post's author")).expectStatus().isCreated();
    }

    @Test
    void aPostsModeIsItsAuthorsToSet() {
        String author = registerAuthor();
        String postId = publish(author, unique("Modes"), List.of());
        problem(http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(Map.of("moderation", "strict"))
                .exchange(), HttpStatus.BAD_REQUEST);
        problem(http.patch().uri("/posts/{id}", postId).headers(as(registerAuthor())).bodyValue(Map.of("moderation", "all"))
                .exchange(), HttpStatus.FORBIDDEN);
        moderate(author, postId, "all");
        held(replyAs(anonymous(), postId, Map.of("authorName", "Jane", "body", "Held")));
        http.patch().uri("/posts/{id}", postId).headers(as(author)).bodyValue(java.util.Collections.singletonMap("moderation", null))
                .exchange().expectStatus().isOk();
        // Back to the site's mode, open here.
        replyAs(anonymous(), postId, Map.of("authorName", "Jane", "body", "Shown")).expectStatus().isCreated();
    }

    @Test
    void theSitesRulesHoldARepliesWhateverTheModeAndEachChangeIsAnAuditedEvent() {
        String author = registerAuthor();
        String postId = publish(author, unique("Rules"), List.of());
        Map<String, Object> rules = Map.of("maxLinks", 1, "blockedWords", List.of("Casino"),
                "blockedEmails", List.of("@spam.example"));
        problem(http.put().uri("/admin/moderation/rules").headers(as(author)).bodyValue(rules).exchange(),
                HttpStatus.FORBIDDEN);
        problem(http.put().uri("/admin/moderation/rules").headers(admin())
                .bodyValue(Map.of("maxLinks", -1, "blockedWords", List.of("two words"))).exchange(), HttpStatus.BAD_REQUEST);
        try {
            http.put().uri("/admin/moderation/rules").headers(admin()).bodyValue(rules).exchange().expectStatus().isOk();
            JsonNode stored = getAs(admin(), "/admin/moderation/rules");
            assertThat(stored.get("maxLinks").asInt()).isEqualTo(1);
            assertThat(stored.get("blockedWords")).extracting(JsonNode::asText).containsExactly("casino");
            JsonNode answer = held(replyAs(anonymous(), postId, Map.of("authorName", "Promo",
                    "authorEmail", "promo@spam.example", "body", "Best casino: https://a.example and https://b.example")));
            assertThat(answer.get("reasons")).extracting(JsonNode::asText)
                    .containsExactly("maxLinks: 2 links, at most 1", "blockedWords: casino", "blockedEmails");
            replyAs(anonymous(), postId, Map.of("authorName", "Reader", "body", "Casinos are not casino-like"))
                    .expectStatus().isAccepted();
            replyAs(anonymous(), postId, Map.of("authorName", "Reader", "body", "A fair comment, https://x.example"))
                    .expectStatus().isCreated();
            List<JsonNode> audit = http.get().uri("/admin/events?type=ModerationRulesChanged").headers(admin())
                    .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseBody().map(this::read).collectList().block(Duration.ofSeconds(10));
            assertThat(audit).isNotEmpty();
            assertThat(audit.get(audit.size() - 1).get("principal").asText()).isEqualTo("admin");
            assertThat(audit.get(audit.size() - 1).get("payload").get("rules").get("blockedEmails").get(0).asText())
                    .isEqualTo("@spam.example");
        } finally {
            // The rules are the site's: other tests in this context post replies.
            http.put().uri("/admin/moderation/rules").headers(admin())
                    .bodyValue(Map.of("blockedWords", List.of(), "blockedEmails", List.of())).exchange().expectStatus().isOk();
        }
    }

    void problem(WebTestClient.ResponseSpec response, HttpStatus status) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
