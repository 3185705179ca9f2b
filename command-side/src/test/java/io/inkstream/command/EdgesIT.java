package io.inkstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.http.MediaType;

/**
 * Requests that go wrong before any controller sees them, and connections that never finish a
 * request: each gets a problem+json answer or is closed, never a 500 or a socket held open.
 */
@TestPropertySource(properties = "inkstream.http.header-timeout=2s")
class EdgesIT extends CommandSideTest {

    @LocalServerPort
    int port;

    /** Sends raw bytes and reads the whole answer, until the server closes the connection. */
    String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void malformedAcceptHeadersAreBadRequestsOnEveryPath() {
        // The last: more types than the content negotiation will sort.
        String tooMany = String.join(", ", java.util.Collections.nCopies(60, "application/x-other"));
        for (String accept : new String[] {"application/x-ndjson;q=abc", ";;;/;;;", tooMany}) {
            for (String path : new String[] {"/posts", "/authors/nobody", "/actuator/health"}) {
                http.get().uri(path).header("Accept", accept).exchange().expectStatus().isBadRequest()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            }
            http.post().uri("/posts/x/replies").header("Accept", accept).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isBadRequest();
        }
    }

    @Test
    void requestsTheFrameworkRefusesStillGetProblemJson() throws Exception {
        for (String path : new String[] {"/posts/..%2f..%2fadmin", "/posts/a%00b", "/posts/%2e%2e/x"}) {
            assertThat(raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 400").contains("application/problem+json").contains("\"status\":400");
        }
        assertThat(raw("GET /posts/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                .startsWith("HTTP/1.1 414").contains("application/problem+json").contains("\"status\":414");
        assertThat(raw("GET /posts HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431").contains("application/problem+json");
    }

    @Test
    void aConnectionThatNeverFinishesItsHeadersIsClosed() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write("GET /posts HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            // Closed by the server: the read ends (EOF) instead of waiting for the whole timeout.
            assertThat(in.read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
        }
    }

    @Test
    void valuesOfTheWrongJsonTypeAreRefusedNotConverted() {
        String author = "edge-" + UUID.randomUUID().toString().substring(0, 8);
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(
                Map.of("authorId", true, "displayName", "X", "password", "s3cret-pass"),
                Map.of("authorId", author, "displayName", 1, "password", "s3cret-pass"))) {
            http.post().uri("/authors").headers(admin()).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.post().uri("/authors").headers(admin())
                .bodyValue(Map.of("authorId", author, "displayName", "Edge", "password", "s3cret-pass"))
                .exchange().expectStatus().isCreated();
        String postId = http.post().uri("/posts").headers(as(author))
                .bodyValue(Map.of("authorId", author, "title", "Typed", "bodyMarkdown", "x"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("postId").toString();
        http.post().uri("/posts").headers(as(author))
                .bodyValue(Map.of("authorId", author, "title", 1, "bodyMarkdown", "x"))
                .exchange().expectStatus().isBadRequest();
        http.patch().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("repliesOpen", "false")).exchange().expectStatus().isBadRequest();
        http.patch().uri("/posts/{id}", postId).headers(as(author))
                .bodyValue(Map.of("repliesOpen", false)).exchange().expectStatus().isOk();
    }

    @Test
    void theBlogsOwnPrincipalsCannotBeRegistered() {
        for (String reserved : new String[] {"admin", "anonymous", "system"}) {
            http.post().uri("/authors").headers(admin())
                    .bodyValue(Map.of("authorId", reserved, "displayName", "Me", "password", "s3cret-pass"))
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("authorId");
        }
    }
}
