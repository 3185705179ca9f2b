package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A data directory written by an earlier version opens with this one. {@code compat/2026-12-06}
 * was written by the standalone at a909501 (issue 20 done, of issue 21 only the slugs): the seed post
 * with its three replies and an edit, a second author's post with closed replies and a removed
 * reply, an unpublished post. Opened here, it must answer as it answered then, byte for byte,
 * before and after every read model is rebuilt from the events alone, and take new writes.
 * {@code -Dinkstream.compat.record=true} writes the directory and its answers anew: only ever
 * with the version whose data it is meant to hold.
 */
class CompatibilityIT {

    static final Path FIXTURE = Path.of("src/test/resources/compat/2026-12-06");
    static final String STORE = "inkstream.mv";
    static final String PASSWORD = "s3cret-pass";

    @TempDir
    Path data;

    final ObjectMapper json = new ObjectMapper();

    Inkstream.Running start() {
        return Inkstream.start("--server.port=0", "--inkstream.data-dir=" + data,
                "--inkstream.admin.password=admin-secret");
    }

    static WebTestClient http(Inkstream.Running running) {
        String port = running.context().getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    static Consumer<HttpHeaders> as(String login) {
        return h -> h.setBasicAuth(login, login.equals("admin") ? "admin-secret" : PASSWORD);
    }

    @Test
    void aDataDirectoryOfTheEarlierVersionAnswersAsItDidBeforeAndAfterAReplay() throws Exception {
        boolean record = Boolean.getBoolean("inkstream.compat.record");
        if (!record) {
            assertThat(FIXTURE.resolve(STORE)).as("the recorded data directory").exists();
            Files.copy(FIXTURE.resolve(STORE), data.resolve(STORE));
        }
        try (Inkstream.Running running = start()) {
            WebTestClient http = http(running);
            if (record) {
                write(http);
            }
            String answers = answers(http);
            if (record) {
                Files.createDirectories(FIXTURE);
                Files.writeString(FIXTURE.resolve("answers.txt"), answers);
            }
            assertThat(answers).isEqualTo(Files.readString(FIXTURE.resolve("answers.txt")));
            if (!record) {
                tagsMatchWhateverTheirCaseAndHaveFeeds(http);
                replayedAndWritable(http);
                tagsMatchWhateverTheirCaseAndHaveFeeds(http);
            }
        }
        if (record) {
            Files.copy(data.resolve(STORE), FIXTURE.resolve(STORE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Posts stored before tags matched by key are found by any spelling of one, keeping their own. */
    void tagsMatchWhateverTheirCaseAndHaveFeeds(WebTestClient http) {
        JsonNode learning = read(http.get().uri("/posts?tag={t}", "LEARNING").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(learning.get("items")).hasSize(2);
        assertThat(learning.get("items")).allSatisfy(item -> assertThat(item.get("tags").toString()).contains("\"Learning\""));
        JsonNode media = read(http.get().uri("/posts?tag={t}", "Social  Media").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(media.get("items")).hasSize(1);
        // Their feeds too, though no event has raised a feed's mark since.
        String feed = http.get().uri("/tags/{t}/feed.rss", "learning").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(feed.split("<item>", -1)).hasSize(3);
        assertThat(http.get().uri("/feed.atom").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody().split("<entry>", -1)).hasSize(3);
    }

    /** Every read model rebuilt from its events answers the same; the old post takes a reply. */
    void replayedAndWritable(WebTestClient http) throws Exception {
        for (String readModel : List.of("posts", "authors", "threads")) {
            http.post().uri("/admin/projections/{name}/replay", readModel).headers(as("admin")).exchange()
                    .expectStatus().isAccepted();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> List.of("posts", "authors", "threads").stream().allMatch(name -> {
                    JsonNode status = read(http.get().uri("/admin/projections/{name}", name).headers(as("admin"))
                            .exchange().expectBody(String.class).returnResult().getResponseBody());
                    return !status.get("replaying").asBoolean() && status.get("lag").asLong() == 0;
                }));
        assertThat(answers(http)).as("after every read model is rebuilt from its events")
                .isEqualTo(Files.readString(FIXTURE.resolve("answers.txt")));

        String seedPost = read(http.get().uri("/posts/josh-bersin-on-informal-and-social-learning").exchange()
                .expectBody(String.class).returnResult().getResponseBody()).get("postId").asText();
        http.post().uri("/posts/{id}/replies", seedPost)
                .bodyValue(Map.of("authorName", "A later reader", "body", "Still here."))
                .exchange().expectStatus().isCreated();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> read(http.get()
                .uri("/posts/{id}", seedPost).exchange().expectBody(String.class).returnResult().getResponseBody())
                .get("replyCount").asLong() == 4);
    }

    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    /** What readers and an admin get: status and body of each read, in one text. */
    String answers(WebTestClient http) {
        String posts = get(http, "/posts?limit=20", null);
        JsonNode list = read(body(posts));
        StringBuilder out = new StringBuilder();
        out.append("== GET /posts?limit=20\n").append(posts).append('\n');
        for (JsonNode post : list.get("items")) {
            String id = post.get("postId").asText();
            for (String uri : List.of("/posts/" + post.get("slug").asText(), "/posts/" + id + "/replies")) {
                out.append("== GET ").append(uri).append('\n').append(get(http, uri, null)).append('\n');
            }
            out.append("== GET /admin/posts/{id}/history\n")
                    .append(get(http, "/admin/posts/" + id + "/history", "admin")).append('\n');
        }
        for (String uri : List.of("/authors/jon-ingham", "/authors/ann-reader", "/posts/" + unpublished(http))) {
            out.append("== GET ").append(uri.replaceAll("/posts/.*", "/posts/{unpublished}")).append('\n')
                    .append(get(http, uri, null)).append('\n');
        }
        return out.toString();
    }

    /** The unpublished post's id: from the one event of the audit log that unpublished a post. */
    String unpublished(WebTestClient http) {
        String answer = get(http, "/admin/events?type=PostUnpublished", "admin");
        String first = body(answer).lines().filter(line -> !line.isBlank())
                .findFirst().orElseThrow(() -> new IllegalStateException("no unpublished post: " + answer));
        return read(first).get("aggregateId").asText();
    }

    /** The body of what {@link #get} answers. */
    static String body(String answer) {
        return answer.substring(answer.indexOf(' ') + 1);
    }

    String get(WebTestClient http, String uri, String login) {
        var spec = http.get().uri(uri);
        if (login != null) {
            spec = spec.headers(as(login));
        }
        var result = spec.exchange().expectBody(String.class).returnResult();
        return result.getStatus().value() + " " + result.getResponseBody();
    }

    /** What the recorded version writes: run once, with -Dinkstream.compat.record=true. */
    void write(WebTestClient http) throws Exception {
        JsonNode seed = json.readTree(Files.readString(SeedPostIT.FIXTURE, StandardCharsets.UTF_8));
        Map<String, Object> author = new HashMap<>(json.convertValue(seed.get("author"), Map.class));
        author.put("password", PASSWORD);
        http.post().uri("/authors").headers(as("admin")).bodyValue(author).exchange().expectStatus().isCreated();
        String authorId = author.get("authorId").toString();
        Map<String, Object> post = new HashMap<>(json.convertValue(seed.get("post"), Map.class));
        post.put("authorId", authorId);
        String seedPost = read(http.post().uri("/posts").headers(as(authorId)).bodyValue(post).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody())
                .get("postId").asText();
        Map<String, String> refs = new HashMap<>();
        for (JsonNode reply : seed.get("replies")) {
            refs.put(reply.get("ref").asText(), read(http.post().uri("/posts/{id}/replies", seedPost)
                    .bodyValue(SeedPostIT.replyRequest(reply, refs)).exchange().expectStatus().isCreated()
                    .expectBody(String.class).returnResult().getResponseBody()).get("replyId").asText());
        }
        post.put("tags", List.of("HR", "Learning", "social media"));
        http.put().uri("/posts/{id}", seedPost).headers(as(authorId)).header("If-Match", "\"1\"").bodyValue(post)
                .exchange().expectStatus().isOk();

        http.post().uri("/authors").headers(as("admin")).bodyValue(Map.of("authorId", "ann-reader",
                "displayName", "Ann Reader", "bio", "Reads a lot.", "password", PASSWORD)).exchange()
                .expectStatus().isCreated();
        String second = read(http.post().uri("/posts").headers(as("ann-reader")).bodyValue(Map.of(
                "authorId", "ann-reader", "title", "Notes on *reading* blogs", "bodyMarkdown",
                "Two notes.\n\n- one\n- two", "tags", List.of("reading", "Learning"))).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody())
                .get("postId").asText();
        String removed = read(http.post().uri("/posts/{id}/replies", second)
                .bodyValue(Map.of("authorName", "Spam", "body", "Buy things")).exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).get("replyId").asText();
        http.post().uri("/posts/{id}/replies", second).bodyValue(Map.of("authorName", "Jane Hart", "body", "Agreed."))
                .exchange().expectStatus().isCreated();
        http.delete().uri("/posts/{id}/replies/{r}", second, removed).headers(as("admin")).exchange()
                .expectStatus().isNoContent();
        http.patch().uri("/posts/{id}", second).headers(as("ann-reader")).bodyValue(Map.of("repliesOpen", false))
                .exchange().expectStatus().isOk();
        String gone = read(http.post().uri("/posts").headers(as("ann-reader")).bodyValue(Map.of(
                "authorId", "ann-reader", "title", "Posted too soon", "bodyMarkdown", "Oops.")).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody())
                .get("postId").asText();
        http.delete().uri("/posts/{id}", gone).headers(as("ann-reader")).exchange().expectStatus().isNoContent();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode page = read(body(get(http, "/posts/" + seedPost, null)));
            JsonNode other = read(body(get(http, "/posts/" + second, null)));
            return page.get("replyCount").asLong() == 3 && page.get("tags").size() == 3
                    && !other.get("repliesOpen").asBoolean() && other.get("replyCount").asLong() == 1
                    && get(http, "/posts/" + gone, null).startsWith("410");
        });
    }
}
