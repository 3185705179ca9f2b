package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sends every request of the README's walkthrough file as written, in order, and expects each
 * to succeed: the file a newcomer runs first cannot drift from the API. Each answer, and a few
 * refusals, must also be what the OpenAPI document says that operation answers.
 */
class WalkthroughIT extends BackendTest {

    static final Path FILE = Path.of("../walkthrough.http");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([\\w.]+)}}");

    @Test
    void everyRequestOfTheWalkthroughSucceedsInOrder() throws Exception {
        // Its author and post made unique: other tests share this backend.
        String run = UUID.randomUUID().toString().substring(0, 8);
        String text = Files.readString(FILE).replace("jon-ingham", "jon-" + run)
                .replace("social learning\",", "social learning " + run + "\",")
                .replace("informal-and-social-learning\n", "informal-and-social-learning-" + run + "\n")
                .replace("first-reply", "first-reply-" + run)
                .replace("@admin = admin:admin", "@admin = admin:admin-secret");
        Documented api = new Documented(
                http.get().uri("/v3/api-docs").exchange().expectBody(String.class).returnResult().getResponseBody());
        Map<String, String> variables = new HashMap<>();
        Map<String, JsonNode> named = new HashMap<>();
        List<String> blocks = List.of(text.split("\n###"));
        int sent = 0;
        for (int i = 0; i < blocks.size(); i++) {
            String name = null;
            String request = null;
            Map<String, String> headers = new HashMap<>();
            StringBuilder body = new StringBuilder();
            boolean inBody = false;
            // A block's first line is the rest of its "###" line: what the request is for.
            for (String line : blocks.get(i).lines().skip(i == 0 ? 0 : 1).toList()) {
                if (inBody) {
                    body.append(line).append('\n');
                } else if (line.startsWith("# @name ")) {
                    name = line.substring("# @name ".length()).strip();
                } else if (line.startsWith("#")) {
                    continue;
                } else if (line.startsWith("@")) {
                    String[] definition = line.substring(1).split("=", 2);
                    variables.put(definition[0].strip(), definition[1].strip());
                } else if (request == null && !line.isBlank()) {
                    request = line.strip();
                } else if (request != null && line.isBlank()) {
                    inBody = true;
                } else if (request != null) {
                    String[] header = line.split(":", 2);
                    headers.put(header[0].strip(), header[1].strip());
                }
            }
            if (request == null) {
                continue;
            }
            String[] parts = substitute(request, variables, named).split(" ", 2);
            String uri = parts[1].replaceFirst("^http://localhost:8080", "");
            WebTestClient.RequestBodySpec spec = http.method(HttpMethod.valueOf(parts[0])).uri(uri);
            headers.forEach((header, value) -> {
                String given = substitute(value, variables, named);
                if (header.equals("Authorization") && given.startsWith("Basic ") && given.contains(":")) {
                    // As the editors send it: the login and password encoded.
                    given = "Basic " + Base64.getEncoder().encodeToString(
                            given.substring("Basic ".length()).getBytes(StandardCharsets.UTF_8));
                }
                spec.header(header, given);
            });
            String payload = substitute(body.toString().strip(), variables, named);
            WebTestClient.ResponseSpec response = payload.isEmpty() ? spec.exchange() : spec.bodyValue(payload).exchange();
            String what = parts[0] + " " + uri;
            if ("text/event-stream".equals(headers.get("Accept"))) {
                String first = response.expectStatus().isOk().returnResult(String.class).getResponseBody()
                        .blockFirst(Duration.ofSeconds(10));
                assertThat(first).as(what).isNotNull();
            } else {
                EntityExchangeResult<String> result = response.expectBody(String.class).returnResult();
                assertThat(result.getStatus().is2xxSuccessful()).as(what + " answered " + result.getResponseBody()).isTrue();
                assertDocumented(api, parts[0], uri, result);
                if (name != null) {
                    named.put(name, read(result.getResponseBody()));
                }
            }
            sent++;
        }
        assertThat(sent).isGreaterThanOrEqualTo(15);
        // Refusals are documented problems too.
        assertDocumented(api, "GET", "/posts/no-such-post", http.get().uri("/posts/no-such-post").exchange()
                .expectStatus().isNotFound().expectBody(String.class).returnResult());
        assertDocumented(api, "POST", "/authors", http.post().uri("/authors").headers(h -> h.setBasicAuth("admin",
                "admin-secret")).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"authorId\": \"-\"}").exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult());
        // The replay it started ends, and the thread it rebuilt still holds the reply.
        awaitGetAs(admin(), "/admin/projections/threads", status -> !status.get("replaying").asBoolean());
        assertThat(get("/posts/{id}/replies", named.get("post").get("postId").asText()).get("replyCount").asInt())
                .isEqualTo(1);
    }

    /** The answer is one the document lists for that operation, its body of the schema it names. */
    private static void assertDocumented(Documented api, String method, String uri,
            EntityExchangeResult<String> result) throws Exception {
        assertThat(api.differences(method, uri, result.getStatus().value(),
                result.getResponseHeaders().getContentType(), result.getResponseBody()))
                .as(method + " " + uri + " against the OpenAPI document").isEmpty();
    }

    /** {@code {{name}}} from the file's variables, {@code {{request.response.body.field}}} from a named answer. */
    private static String substitute(String text, Map<String, String> variables, Map<String, JsonNode> named) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] path = m.group(1).split("\\.");
            String value = path.length == 1 ? variables.get(path[0])
                    : named.get(path[0]).get(path[3]).asText();
            assertThat(value).as("{{%s}}", m.group(1)).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
