package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Stop, then start again on the same data directory: aggregates come back from their events,
 * logins and the token secret from the embedded MongoDB's files.
 */
class RestartIT {

    @TempDir
    Path data;

    Inkstream.Running start() {
        return Inkstream.start("--server.port=0", "--inkstream.data-dir=" + data,
                "--inkstream.admin.password=admin-secret");
    }

    static WebTestClient http(Inkstream.Running running) {
        String port = running.context().getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void aggregatesComeBackFromTheirEventsAfterARestart() {
        String postId;
        String firstReply;
        String token;
        try (Inkstream.Running first = start()) {
            WebTestClient http = http(first);
            http.post().uri("/authors").headers(h -> h.setBasicAuth("admin", "admin-secret"))
                    .bodyValue(Map.of("authorId", "jon-ingham", "displayName", "Jon Ingham", "password", "s3cret-pass"))
                    .exchange().expectStatus().isCreated();
            postId = http.post().uri("/posts").headers(h -> h.setBasicAuth("jon-ingham", "s3cret-pass"))
                    .bodyValue(Map.of("authorId", "jon-ingham", "title", "Before the restart", "bodyMarkdown", "Text"))
                    .exchange().expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("postId").toString();
            http.put().uri("/posts/{id}", postId).headers(h -> h.setBasicAuth("jon-ingham", "s3cret-pass"))
                    .header("If-Match", "\"1\"")
                    .bodyValue(Map.of("title", "Revised", "bodyMarkdown", "Text 2", "tags", List.of("a")))
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
            firstReply = http.post().uri("/posts/{id}/replies", postId).header("Idempotency-Key", "retry-me")
                    .bodyValue(Map.of("authorName", "Jane", "body", "Hello")).exchange()
                    .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
            token = http.post().uri("/auth/token").headers(h -> h.setBasicAuth("jon-ingham", "s3cret-pass"))
                    .exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
        }

        try (Inkstream.Running second = start()) {
            WebTestClient http = http(second);
            http.put().uri("/posts/{id}", postId).headers(h -> h.setBearerAuth(token)).header("If-Match", "\"2\"")
                    .bodyValue(Map.of("title", "After the restart", "bodyMarkdown", "Text 3"))
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);
            http.put().uri("/posts/{id}", postId).headers(h -> h.setBasicAuth("jon-ingham", "s3cret-pass"))
                    .header("If-Match", "\"2\"").bodyValue(Map.of("title", "Stale", "bodyMarkdown", "x"))
                    .exchange().expectStatus().isEqualTo(412);
            String retried = http.post().uri("/posts/{id}/replies", postId).header("Idempotency-Key", "retry-me")
                    .bodyValue(Map.of("authorName", "Jane", "body", "Hello")).exchange()
                    .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
            assertThat(retried).isEqualTo(firstReply);
            http.post().uri("/authors").headers(h -> h.setBasicAuth("admin", "admin-secret"))
                    .bodyValue(Map.of("authorId", "jon-ingham", "displayName", "Again", "password", "s3cret-pass"))
                    .exchange().expectStatus().isEqualTo(409);
        }
    }
}
