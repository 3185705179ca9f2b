package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inkstream.platform.markdown.MarkdownLimits;
import io.inkstream.platform.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * The corpora of hostile input (Markdown, JSON bodies, request targets, headers), sent to the
 * running app as the public would: no answer is a 5xx, what is refused stores nothing, and every
 * read model keeps moving and is whole afterwards.
 */
class HostileInputIT extends BackendTest {

    @LocalServerPort
    int port;

    static List<Corpus.Input> corpus(String name) {
        return Corpus.read(Path.of("src/test/resources/hostile", name));
    }

    /** The position of the newest event: it moves exactly when something is stored. */
    long head() {
        JsonNode projections = read(http.get().uri("/admin/projections").headers(admin()).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        return projections.get(0).get("headPosition").asLong();
    }

    void everyProjectionCatchesUp() {
        eventually().until(() -> {
            JsonNode projections = read(http.get().uri("/admin/projections").headers(admin()).exchange()
                    .expectBody(String.class).returnResult().getResponseBody());
            for (JsonNode p : projections) {
                if (p.get("lag").asLong() != 0) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Raw bytes over a socket: the answer's status line, whatever the client library would make of it. */
    String statusOf(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; answer.size() < 12 && (n = socket.getInputStream().read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        }
    }

    @Test
    void hostileMarkdownIsRefusedOrRenderedAndNeverStopsAReadModel() {
        String author = registerAuthor();
        String postId = publish(author, unique("Target"), List.of());
        List<Corpus.Input> refused = new ArrayList<>();
        List<Corpus.Input> accepted = new ArrayList<>();
        for (Corpus.Input input : Corpus.markdown()) {
            String text = input.text().length() > 400_000 ? input.text().substring(0, 400_000) : input.text();
            (MarkdownLimits.exceeded(text).isPresent() ? refused : accepted).add(new Corpus.Input(input.line(), text));
        }
        assertThat(refused).isNotEmpty();
        assertThat(accepted).isNotEmpty();

        long before = head();
        for (Corpus.Input input : refused) {
            http.post().uri("/posts").headers(as(author))
                    .bodyValue(Map.of("authorId", author, "title", "Hostile", "bodyMarkdown", input.text()))
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("bodyMarkdown");
            String reply = input.text().substring(0, Math.min(10_000, input.text().length()));
            int status = http.post().uri("/posts/{id}/replies", postId)
                    .bodyValue(Map.of("authorName", "Mallory", "body", reply)).exchange()
                    .returnResult(String.class).getStatus().value();
            assertThat(status).as(input.toString()).isBetween(201, 499);
        }
        List<String> posts = new ArrayList<>();
        for (Corpus.Input input : accepted) {
            posts.add(publish(author, Map.of("title", "Hostile", "bodyMarkdown", input.text())).get("postId").asText());
            String reply = input.text().substring(0, Math.min(10_000, input.text().length()));
            int status = http.post().uri("/posts/{id}/replies", postId)
                    .bodyValue(Map.of("authorName", "Mallory", "body", reply)).exchange()
                    .returnResult(String.class).getStatus().value();
            assertThat(status).as(input.toString()).isLessThan(500);
        }
        assertThat(head()).isGreaterThan(before);
        everyProjectionCatchesUp();
        for (String post : posts) {
            awaitGet("/posts/{id}", p -> p.hasNonNull("bodyHtml"), post);
        }
        awaitGet("/posts/{id}/replies", t -> t.get("replyCount").asInt() > 0, postId);
        JsonNode dead = read(http.get().uri("/admin/dead-letters").headers(admin()).exchange()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(dead).noneMatch(d -> posts.contains(d.get("aggregateId").asText()));
    }

    @Test
    void hostileJsonNeverCausesServerErrorsAndWhatIsRefusedStoresNothing() {
        String author = registerAuthor();
        String postId = publish(author, unique("Json target"), List.of());
        int refused = 0;
        for (Corpus.Input input : corpus("json.txt")) {
            for (String[] target : List.of(new String[] {"POST", "/posts"}, new String[] {"PUT", "/posts/" + postId},
                    new String[] {"PATCH", "/posts/" + postId}, new String[] {"POST", "/posts/" + postId + "/replies"},
                    new String[] {"POST", "/authors"})) {
                long before = head();
                int status = http.method(org.springframework.http.HttpMethod.valueOf(target[0])).uri(target[1])
                        .headers(target[1].equals("/authors") ? admin() : as(author))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(input.text()).exchange()
                        .returnResult(String.class).getStatus().value();
                assertThat(status).as(target[0] + " " + target[1] + " " + input).isLessThan(500);
                if (status >= 400) {
                    refused++;
                    assertThat(head()).as("stored by a refused " + target[0] + " " + target[1] + " " + input)
                            .isEqualTo(before);
                }
            }
        }
        assertThat(refused).isGreaterThan(90);
    }

    @Test
    void hostileUrlsAndHeadersNeverCauseServerErrors() throws Exception {
        String author = registerAuthor();
        String postId = publish(author, unique("Header target"), List.of());
        for (Corpus.Input url : corpus("urls.txt")) {
            String status = statusOf("GET " + url.text().replace("/x", "/" + postId)
                    + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(status).as(url.text()).matches("HTTP/1\\.1 [1-4]\\d\\d .*");
        }
        for (Corpus.Input header : corpus("headers.txt")) {
            String line = header.text();
            String get = "GET /posts HTTP/1.1\r\nHost: localhost\r\n" + line + "\r\nConnection: close\r\n\r\n";
            assertThat(statusOf(get)).as(line).matches("HTTP/1\\.1 [1-4]\\d\\d .*");
            String body = "{\"authorName\":\"Header\",\"body\":\"x\"}";
            String post = "POST /posts/" + postId + "/replies HTTP/1.1\r\nHost: localhost\r\n" + line + "\r\n"
                    + (line.startsWith("Content-Type") ? "" : "Content-Type: application/json\r\n")
                    + (line.startsWith("Content-Length") ? "" : "Content-Length: " + body.length() + "\r\n")
                    + "Connection: close\r\n\r\n" + body;
            assertThat(statusOf(post)).as(line).matches("HTTP/1\\.1 [1-4]\\d\\d .*");
        }
    }
}
