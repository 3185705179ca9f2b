package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.Segment;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split deployment on loopback, as separate JVMs: the embedded MongoDB in its own process,
 * two command sides, two query sides. The query sides share each read model's segments; a
 * live subscriber on one sees replies sent to either command side, whichever query side
 * projected them; and when one query side is killed, the other takes its segments over. A
 * post closed on one command side is closed on the other at once.
 */
class SplitDeploymentIT {

    @TempDir
    Path dir;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void twoInstancesPerSideShareTheWorkAndSurviveTheLossOfOne() throws Exception {
        try (Processes processes = new Processes()) {
            int mongoPort = Processes.freePort();
            processes.start(Processes.STANDALONE, Map.of("MONGODB_PORT", String.valueOf(mongoPort),
                    "INKSTREAM_MONGO_STORAGE", "memory"), dir.resolve("mongo.log"), "--inkstream.mode=mongo");
            String uri = "mongodb://127.0.0.1:" + mongoPort + "/inkstream";
            Map<String, String> env = Processes.deployment(uri, "INKSTREAM_ANONYMOUS_REPLY_LIMIT", "1000000");
            int[] commands = {Processes.freePort(), Processes.freePort()};
            int[] queries = {Processes.freePort(), Processes.freePort()};
            processes.startServing(Processes.COMMAND_SIDE, commands[0], env, dir.resolve("command-1.log"));
            processes.startServing(Processes.COMMAND_SIDE, commands[1], env, dir.resolve("command-2.log"));
            processes.startServing(Processes.QUERY_SIDE, queries[0], env, dir.resolve("query-1.log"));
            Process second = processes.startServing(Processes.QUERY_SIDE, queries[1], env, dir.resolve("query-2.log"));

            try (MongoClient client = MongoClients.create(uri)) {
                // Both query sides hold segments of the thread read model.
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> owners(client, "threads").size() == 2);
            }

            assertThat(processes.post(commands[0], "/authors", "admin", "admin-secret",
                    "{\"authorId\":\"jon\",\"displayName\":\"Jon\",\"password\":\"s3cret-pass\"}").statusCode()).isEqualTo(201);
            // A post's replies are projected in one segment: one post for each of the two.
            Segment[] segments = Segment.ROOT_SEGMENT.split();
            String[] posts = new String[segments.length];
            for (int i = 0; posts[0] == null || posts[1] == null; i++) {
                String postId = json.readTree(processes.post(commands[i % 2], "/posts", "jon", "s3cret-pass",
                        "{\"authorId\":\"jon\",\"title\":\"Split " + i + "\",\"bodyMarkdown\":\"Reply!\"}").body())
                        .get("postId").asText();
                posts[segments[0].matches(postId) ? 0 : 1] = postId;
            }
            for (String postId : posts) {
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> processes.get(queries[0], "/posts/" + postId).statusCode() == 200);
            }
            // The router sends GET /v3/api-docs to a query side: it serves the document of both sides.
            JsonNode doc = json.readTree(processes.get(queries[0], "/v3/api-docs").body());
            assertThat(doc.path("paths").path("/posts").has("post")).as("a command").isTrue();
            assertThat(doc.path("paths").path("/posts").has("get")).as("a query").isTrue();

            // Live subscribers on query side 1; replies go to both command sides. Each post's
            // replies are projected by whichever query side holds its segment, and query side 2
            // holds one of them: they reach the subscribers of query side 1 all the same.
            List<String> live = new CopyOnWriteArrayList<>();
            for (String postId : posts) {
                processes.http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + queries[0] + "/posts/"
                                + postId + "/replies")).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(live::add));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    live.stream().filter(l -> l.startsWith("event:") && l.contains("snapshot")).count() == posts.length);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.add(reply(processes, commands[i % 2], posts[(i / 2) % 2], "Before " + i));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(String.join("\n", live)).contains(sent));

            second.destroyForcibly().waitFor();
            List<String> after = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                after.add(reply(processes, commands[i % 2], posts[(i / 2) % 2], "After " + i));
            }
            // Query side 1 takes the dead one's segment over (its claim lapses after 10 s) and
            // projects everything, including the replies of the post it did not hold.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(processes.get(queries[0], "/posts/" + posts[0] + "/replies").body()
                            + processes.get(queries[0], "/posts/" + posts[1] + "/replies").body()).contains(after));
            try (MongoClient client = MongoClients.create(uri)) {
                assertThat(owners(client, "threads")).hasSize(1);
            }

            // Both command sides have replied to posts[0] and keep its status. Closed on one, it
            // is closed on the other at once; reopened there, it takes replies here again.
            assertThat(repliesOpen(processes, commands[0], posts[0], false).statusCode()).isEqualTo(200);
            assertThat(replyStatus(processes, commands[1], posts[0])).isEqualTo(409);
            assertThat(replyStatus(processes, commands[0], posts[0])).isEqualTo(409);
            assertThat(repliesOpen(processes, commands[1], posts[0], true).statusCode()).isEqualTo(200);
            assertThat(replyStatus(processes, commands[0], posts[0])).isEqualTo(201);
            assertThat(replyStatus(processes, commands[1], posts[1])).isEqualTo(201);
        }
    }

    private static HttpResponse<String> repliesOpen(Processes processes, int port, String postId, boolean open) {
        return processes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/posts/" + postId))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "jon:s3cret-pass".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"repliesOpen\":" + open + "}")));
    }

    private static int replyStatus(Processes processes, int port, String postId) {
        return processes.post(port, "/posts/" + postId + "/replies", null, null,
                "{\"authorName\":\"Reader\",\"body\":\"Is it open?\"}").statusCode();
    }

    private String reply(Processes processes, int port, String postId, String body) throws Exception {
        var answer = processes.post(port, "/posts/" + postId + "/replies", null, null,
                "{\"authorName\":\"Reader\",\"body\":\"" + body + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json.readTree(answer.body()).get("replyId").asText();
    }

    /** The instances holding a claim on a segment of {@code processor}. */
    private static Set<String> owners(MongoClient client, String processor) {
        Set<String> owners = new HashSet<>();
        client.getDatabase("inkstream").getCollection("trackingtokens")
                .find(Filters.eq("processorName", processor))
                .forEach((Document d) -> {
                    if (d.getString("owner") != null) {
                        owners.add(d.getString("owner"));
                    }
                });
        return owners;
    }
}
