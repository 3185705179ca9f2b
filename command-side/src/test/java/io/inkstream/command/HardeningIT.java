package io.inkstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.platform.testing.TestMongo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Limits and abuse: body size, flood control, security headers, and malformed input. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkstream.admin.password=admin-secret", "inkstream.scheduler.enabled=false",
            "inkstream.anonymous-reply-limit=3",
            "inkstream.cors-origins=https://blog.example"})
class HardeningIT {

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry);
    }

    @Autowired
    WebTestClient http;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    String author;
    String postId;

    String setUp() {
        author = "hard-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/authors").headers(h -> h.setBasicAuth("admin", "admin-secret"))
                .bodyValue(Map.of("authorId", author, "displayName", "Hard", "password", "s3cret-pass"))
                .exchange().expectStatus().isCreated();
        postId = http.post().uri("/posts").headers(h -> h.setBasicAuth(author, "s3cret-pass"))
                .bodyValue(Map.of("authorId", author, "title", "Target " + UUID.randomUUID(), "bodyMarkdown", "x"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("postId").toString();
        return postId;
    }

    @Test
    void bodiesOverOneMebibyteAreRefused() {
        setUp();
        http.put().uri("/posts/{id}", postId).headers(h -> h.setBasicAuth(author, "s3cret-pass"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"t\",\"bodyMarkdown\":\"" + "x".repeat(1024 * 1024) + "\"}")
                .exchange().expectStatus().isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anonymousRepliesAreLimitedPerAddressButAuthorsAreNot() {
        setUp();
        for (int i = 0; i < 3; i++) {
            int left = 2 - i;
            http.post().uri("/posts/{id}/replies", postId).bodyValue(Map.of("authorName", "A", "body", "r" + i))
                    .exchange().expectStatus().isCreated()
                    .expectHeader().valueEquals("RateLimit-Policy", "\"anonymous-replies\";q=3;w=60")
                    .expectHeader().value("RateLimit", v -> assertThat(v).startsWith("\"anonymous-replies\";r=" + left + ";t="));
        }
        http.post().uri("/posts/{id}/replies", postId).header("X-Forwarded-For", "203.0.113.99")
                .bodyValue(Map.of("authorName", "A", "body", "one too many")).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L))
                .expectHeader().value("RateLimit", v -> assertThat(v).startsWith("\"anonymous-replies\";r=0;t="))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/posts/{id}/replies", postId).headers(h -> h.setBasicAuth(author, "s3cret-pass"))
                .bodyValue(Map.of("body", "authors are not limited")).exchange().expectStatus().isCreated();
    }

    @Test
    void failedLoginsLookTheSameAndRepeatedOnesAreThrottled() {
        setUp();
        var unknown = http.post().uri("/auth/token").headers(h -> h.setBasicAuth("nobody-" + UUID.randomUUID(), "x"))
                .exchange().expectStatus().isUnauthorized().expectBody(String.class).returnResult().getResponseBody();
        var wrong = http.post().uri("/auth/token").headers(h -> h.setBasicAuth(author, "wrong-password"))
                .exchange().expectStatus().isUnauthorized().expectBody(String.class).returnResult().getResponseBody();
        assertThat(wrong).isEqualTo(unknown);
        for (int i = 0; i < 4; i++) {
            http.post().uri("/auth/token").headers(h -> h.setBasicAuth(author, "wrong-password"))
                    .exchange().expectStatus().isUnauthorized();
        }
        http.post().uri("/auth/token").headers(h -> h.setBasicAuth(author, "s3cret-pass")).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/auth/token").headers(h -> h.setBasicAuth("admin", "admin-secret")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigins() {
        http.options().uri("/posts").header("Origin", "https://blog.example")
                .header("Access-Control-Request-Method", "POST").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://blog.example")
                .expectHeader().valueEquals("Access-Control-Allow-Credentials", "true");
        // A preflight for a call that will carry credentials needs none itself.
        http.options().uri("/posts/{id}", "any").header("Origin", "https://blog.example")
                .header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "Authorization, If-Match")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://blog.example")
                .expectHeader().value("Access-Control-Allow-Methods", m -> assertThat(m).contains("PUT"));
        http.options().uri("/posts").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    @Test
    void responsesCarrySecurityHeadersAndNoBanner() {
        http.get().uri("/actuator/health").exchange()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().value("Content-Security-Policy", v -> assertThat(v).contains("default-src 'none'"))
                .expectHeader().doesNotExist("Server");
    }

    /** A few hundred malformed requests: every one gets a 4xx answer, never a 5xx. */
    @Test
    void malformedRequestsNeverCauseServerErrors() {
        setUp();
        // One token for all of them: Basic would spend a password hash on every request.
        String token = http.post().uri("/auth/token").headers(h -> h.setBasicAuth("admin", "admin-secret")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
        List<Object> hostile = new ArrayList<>(List.of(Map.of("$gt", ""), List.of("a", 1), 42, true, "x".repeat(100_000),
                Map.of("$where", "sleep(1000)"), -1, 1.5e308, "", "\u0000", "<script>alert(1)</script>"));
        hostile.add(null);
        List<String> fields = List.of("authorId", "displayName", "password", "bio", "contact", "title", "bodyMarkdown",
                "tags", "canonicalUrl", "relatedLinks", "repliesOpen", "body", "authorName", "authorEmail", "authorUrl",
                "parentReplyId");
        Map<String, Object> validPost = Map.of("authorId", author, "title", "T", "bodyMarkdown", "B");
        List<String> targets = List.of("POST /authors", "PATCH /authors/" + author, "POST /posts", "PUT /posts/" + postId,
                "PATCH /posts/" + postId, "POST /posts/" + postId + "/replies");
        int sent = 0;
        for (String target : targets) {
            String[] parts = target.split(" ");
            for (String field : fields) {
                for (Object value : hostile) {
                    Map<String, Object> body = new LinkedHashMap<>(validPost);
                    body.put(field, value);
                    int status = http.method(HttpMethod.valueOf(parts[0])).uri(parts[1])
                            .headers(h -> h.setBearerAuth(token))
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                            .exchange().returnResult(String.class).getStatus().value();
                    assertThat(status).as("%s with %s=%s", target, field, String.valueOf(value).length() > 40
                            ? "a long string" : value).isLessThan(500);
                    sent++;
                }
            }
        }
        List<String> paths = List.of("/posts/..%2F..%2Fetc%2Fpasswd", "/posts/%2e%2e/replies", "/posts/a%00b",
                "/posts/" + "x".repeat(5000), "/authors/..;/admin", "/posts/{\"$gt\":\"\"}/replies");
        for (String path : paths) {
            for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.POST)) {
                var request = http.method(method).uri(java.net.URI.create("http://127.0.0.1:" + port
                                + path.replace("{", "%7B").replace("}", "%7D").replace("\"", "%22")))
                        .headers(h -> h.setBearerAuth(token));
                // A request line too long is refused before its body is read, and the connection
                // closed: a body still being sent would race that answer. Sent without one, the
                // refusal itself is what is checked.
                boolean lineTooLong = path.length() > 4096;
                int status = (lineTooLong ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("body", "x", "repliesOpen", true)).exchange())
                        .returnResult(String.class).getStatus().value();
                if (lineTooLong) {
                    assertThat(status).as("%s %s", method, "a 5,000-character path").isEqualTo(414);
                } else {
                    assertThat(status).as("%s %s", method, path).isLessThan(500);
                }
                sent++;
            }
        }
        for (String raw : List.of("{", "[]", "null", "\"text\"", "{\"title\": }", "{\"tags\": [[[[]]]]}", "")) {
            int status = http.post().uri("/posts").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(raw)
                    .exchange().returnResult(String.class).getStatus().value();
            assertThat(status).as("raw body %s", raw).isLessThan(500);
            sent++;
        }
        assertThat(sent).isGreaterThan(300);
    }
}
