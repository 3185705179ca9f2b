package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Replies stored before personal data was sealed hold it in clear: erasure covers them too.
 * {@code compat/clear-replies} was written by the standalone at 59e32f8 (before sealing): the seed
 * post, two replies of Clara Clear (one with her URL, her email written two ways), one of Otto
 * Other. Erasing Clara redacts her two events in place; Otto's stay as they were.
 */
class ClearRepliesErasureIT {

    static final Path FIXTURE = Path.of("src/test/resources/compat/clear-replies/inkstream.mv");
    static final String CLARA = "Clara Clear";
    static final String EMAIL = "clara.clear@example.net";

    @TempDir
    Path data;

    final ObjectMapper json = new ObjectMapper();

    JsonNode get(WebTestClient http, String uri, Object... vars) {
        try {
            return json.readTree(http.get().uri(uri, vars).headers(h -> h.setBasicAuth("admin", "admin-secret"))
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String dump(MongoDatabase database) {
        List<String> all = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            database.getCollection(name).find().forEach(d -> all.add(name + " " + d.toJson()));
        }
        return String.join("\n", all).toLowerCase(Locale.ROOT);
    }

    @Test
    void erasureRedactsRepliesStoredInClearAndLeavesOthersAsTheyWere() throws Exception {
        Files.copy(FIXTURE, data.resolve("inkstream.mv"));
        try (Inkstream.Running running = Inkstream.start("--server.port=0", "--inkstream.data-dir=" + data,
                "--inkstream.admin.password=admin-secret")) {
            WebTestClient http = CompatibilityIT.http(running);
            MongoDatabase database = running.context().getBean(MongoDatabase.class);
            String post = get(http, "/posts/josh-bersin-on-informal-and-social-learning").get("postId").asText();
            assertThat(ErasureIT.names(get(http, "/posts/{id}/replies", post))).containsExactly(CLARA, CLARA, "Otto Other");
            assertThat(dump(database)).contains(EMAIL);

            JsonNode export = get(http, "/admin/commenters?email={e}", "Clara.Clear@Example.net");
            assertThat(export.get("replies")).hasSize(2);
            assertThat(export.get("replies").get(0).get("authorUrl").asText()).isEqualTo("https://clara.example.net/blog");

            http.post().uri("/admin/erasure").headers(h -> h.setBasicAuth("admin", "admin-secret"))
                    .bodyValue(Map.of("email", EMAIL)).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.replies").isEqualTo(2);
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(ErasureIT.names(get(http, "/posts/{id}/replies", post))).containsExactly("[erased]", "[erased]", "Otto Other");
                assertThat(dump(database)).doesNotContain(CLARA.toLowerCase(Locale.ROOT)).doesNotContain(EMAIL)
                        .doesNotContain("clara.example.net").contains("otto.other@example.net");
            });
            JsonNode verification = get(http, "/admin/events/verify");
            assertThat(verification.get("verified").asBoolean()).isTrue();
            assertThat(verification.get("redacted").asLong()).isEqualTo(2);

            for (String readModel : List.of("posts", "authors", "threads")) {
                http.post().uri("/admin/projections/{name}/replay", readModel)
                        .headers(h -> h.setBasicAuth("admin", "admin-secret")).exchange().expectStatus().isAccepted();
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> List.of("posts", "authors", "threads").stream().allMatch(readModel -> {
                        JsonNode status = get(http, "/admin/projections/{name}", readModel);
                        return !status.get("replaying").asBoolean() && status.get("lag").asLong() == 0;
                    }));
            assertThat(ErasureIT.names(get(http, "/posts/{id}/replies", post))).containsExactly("[erased]", "[erased]", "Otto Other");
            assertThat(dump(database)).doesNotContain(CLARA.toLowerCase(Locale.ROOT)).doesNotContain(EMAIL);
        }
    }
}
