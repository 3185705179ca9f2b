package io.inkstream.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkstream.platform.testing.NoBlocking;
import io.inkstream.platform.testing.TestMongo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The whole backend in one process on an embedded MongoDB, driven over real HTTP as a client
 * would. BlockHound watches every test: no Netty event loop may block.
 */
@SpringBootTest(classes = Inkstream.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkstream.admin.password=admin-secret", "inkstream.token.secret=test-secret",
            "inkstream.anonymous-reply-limit=100000",
            "inkstream.sse.heartbeat=1s", "inkstream.replay.drop-after=1s", "inkstream.stream.idle-timeout=10s",
            "inkstream.public-url=https://blog.example.com",
            // Kept pages live long here: only the changes themselves may make a page be read again.
            "inkstream.page-cache.lifetime=1h"})
@Import({RequestThreads.class, PoisonPill.class, LatePosts.class})
@ExtendWith(NoBlocking.Watch.class)
abstract class BackendTest {

    static final String PASSWORD = "s3cret-pass";
    static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestMongo.register(registry);
    }

    @Autowired
    WebTestClient http;

    final ObjectMapper json = new ObjectMapper();

    /** Projections catch up asynchronously; tests wait for them, with a deadline. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Consumer<HttpHeaders> admin() {
        return h -> h.setBasicAuth("admin", "admin-secret");
    }

    Consumer<HttpHeaders> as(String login) {
        return h -> h.setBasicAuth(login, PASSWORD);
    }

    String registerAuthor(String authorId, Map<String, ?> profile) {
        Map<String, Object> body = new java.util.HashMap<>(profile);
        body.put("authorId", authorId);
        body.put("password", PASSWORD);
        body.putIfAbsent("displayName", "Author " + authorId);
        http.post().uri("/authors").headers(admin()).bodyValue(body).exchange().expectStatus().isCreated();
        return authorId;
    }

    String registerAuthor() {
        return registerAuthor(unique("author"), Map.of());
    }

    JsonNode publish(String authorId, Map<String, ?> post) {
        Map<String, Object> body = new java.util.HashMap<>(post);
        body.put("authorId", authorId);
        body.putIfAbsent("bodyMarkdown", "Some text.");
        return read(http.post().uri("/posts").headers(as(authorId)).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }

    String publish(String authorId, String title, List<String> tags) {
        return publish(authorId, Map.of("title", title, "tags", tags)).get("postId").asText();
    }

    String reply(String postId, Map<String, ?> body) {
        return read(http.post().uri("/posts/{id}/replies", postId).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody())
                .get("replyId").asText();
    }

    /** A new author's post, with one reply of {@code body} that its thread shows: the post's id. */
    String postWithAReply(String title, String body) {
        String post = publish(registerAuthor(), unique(title), List.of());
        reply(post, Map.of("authorName", "Reader", "body", body));
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asInt() == 1, post);
        return post;
    }

    /** GET as JSON, or null while the read model does not have it yet. */
    JsonNode get(String uri, Object... vars) {
        return getAs(h -> { }, uri, vars);
    }

    /** The same, with {@code who}'s credentials. */
    JsonNode getAs(Consumer<HttpHeaders> who, String uri, Object... vars) {
        var result = http.get().uri(uri, vars).headers(who).accept(MediaType.APPLICATION_JSON).exchange()
                .expectBody(String.class).returnResult();
        return result.getStatus().is2xxSuccessful() ? read(result.getResponseBody()) : null;
    }

    JsonNode awaitGet(String uri, java.util.function.Predicate<JsonNode> ready, Object... vars) {
        return awaitGetAs(h -> { }, uri, ready, vars);
    }

    JsonNode awaitGetAs(Consumer<HttpHeaders> who, String uri, java.util.function.Predicate<JsonNode> ready,
            Object... vars) {
        JsonNode[] found = new JsonNode[1];
        eventually().until(() -> {
            found[0] = getAs(who, uri, vars);
            return found[0] != null && ready.test(found[0]);
        });
        return found[0];
    }

    List<JsonNode> ndjson(String uri, Object... vars) {
        return http.get().uri(uri, vars).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(String.class).getResponseBody().map(this::read).collectList().block(Duration.ofSeconds(10));
    }

    Flux<ServerSentEvent<String>> sse(String uri, Object... vars) {
        return http.get().uri(uri, vars).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(SSE).getResponseBody();
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
