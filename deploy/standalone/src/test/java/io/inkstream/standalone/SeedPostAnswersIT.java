package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Every answer a client gets for the seed post and its thread, byte for byte, against the
 * answers recorded in {@code golden/seed-post.txt}: a restructuring must not change one. What
 * differs from run to run (ids, times, the author id made unique) is replaced by names first.
 * {@code -Dinkstream.golden.record=true} writes the file anew from this build's answers.
 */
class SeedPostAnswersIT extends BackendTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/seed-post.txt");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    final StringBuilder answers = new StringBuilder();
    final Map<String, String> names = new LinkedHashMap<>();

    String answer(String what, EntityExchangeResult<byte[]> result) {
        String body = result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
        answers.append("== ").append(what).append(" -> ").append(result.getStatus().value()).append(' ')
                .append(result.getResponseHeaders().getContentType()).append('\n').append(body).append('\n');
        return body;
    }

    EntityExchangeResult<byte[]> call(HttpMethod method, String uri, MediaType accept, Object body, String login) {
        var spec = http.method(method).uri(uri).accept(accept);
        if (login != null) {
            spec = spec.headers(login.equals("admin") ? admin() : as(login));
        }
        var sent = body == null ? spec.exchange() : spec.bodyValue(body).exchange();
        return sent.expectBody().returnResult();
    }

    /** The answers with what changes between runs named in order of first appearance. */
    String normalized(String text) {
        for (Map.Entry<String, String> name : names.entrySet()) {
            text = text.replace(name.getKey(), name.getValue());
        }
        Map<String, String> ids = new HashMap<>();
        Matcher ids0 = UUID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (ids0.find()) {
            ids0.appendReplacement(out, ids.computeIfAbsent(ids0.group(), id -> "<id-" + (ids.size() + 1) + ">"));
        }
        ids0.appendTail(out);
        return TIME.matcher(out).replaceAll("<time>");
    }

    @Test
    void seedPostAnswersAreTheRecordedOnes() throws Exception {
        JsonNode seed = json.readTree(Files.readString(SeedPostIT.FIXTURE));
        String authorId = unique("jon-ingham");
        names.put(authorId, "<author>");
        Map<String, Object> author = new HashMap<>(json.convertValue(seed.get("author"), Map.class));
        author.put("authorId", authorId);
        author.put("password", PASSWORD);
        answer("POST /authors", call(HttpMethod.POST, "/authors", MediaType.APPLICATION_JSON, author, "admin"));
        Map<String, Object> post = new HashMap<>(json.convertValue(seed.get("post"), Map.class));
        post.put("authorId", authorId);
        JsonNode published = read(answer("POST /posts",
                call(HttpMethod.POST, "/posts", MediaType.APPLICATION_JSON, post, authorId)));
        String postId = published.get("postId").asText();
        // Another test may have published the seed post on this database first: its slug then has a suffix.
        names.put("\"" + published.get("slug").asText() + "\"", "\"<slug>\"");

        Map<String, String> refs = new HashMap<>();
        for (JsonNode r : seed.get("replies")) {
            refs.put(r.get("ref").asText(), read(answer("POST /posts/{id}/replies " + r.get("ref").asText(),
                    call(HttpMethod.POST, "/posts/" + postId + "/replies", MediaType.APPLICATION_JSON,
                            SeedPostIT.replyRequest(r, refs), null)))
                    .get("replyId").asText());
        }
        awaitGet("/posts/{id}", p -> p.get("replyCount").asLong() == 3, postId);
        awaitGet("/authors/{id}", a -> a.get("postCount").asLong() == 1, authorId);

        String slug = published.get("slug").asText();
        String[][] reads = {
            {"/posts/{id}", "/posts/" + postId, MediaType.APPLICATION_JSON_VALUE},
            {"/posts/{slug}", "/posts/" + slug, MediaType.APPLICATION_JSON_VALUE},
            {"/posts/{id}/replies", "/posts/" + postId + "/replies", MediaType.APPLICATION_JSON_VALUE},
            {"/posts/{id}/replies", "/posts/" + postId + "/replies", MediaType.APPLICATION_NDJSON_VALUE},
            {"/posts/{id}/replies/{r2}", "/posts/" + postId + "/replies/" + refs.get("r2"), MediaType.APPLICATION_JSON_VALUE},
            {"/authors/{id}", "/authors/" + authorId, MediaType.APPLICATION_JSON_VALUE},
            {"/posts/does-not-exist", "/posts/does-not-exist", MediaType.APPLICATION_JSON_VALUE}};
        for (String[] read : reads) {
            answer("GET " + read[0] + " " + read[2],
                    call(HttpMethod.GET, read[1], MediaType.parseMediaType(read[2]), null, null));
        }

        String now = normalized(answers.toString());
        if (Boolean.getBoolean("inkstream.golden.record")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, now);
        }
        assertThat(GOLDEN).as("recorded answers; record them with -Dinkstream.golden.record=true").exists();
        assertThat(now).isEqualTo(Files.readString(GOLDEN));
    }
}
