package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL while replies are being appended: after a restart on the same data directory every
 * acknowledged reply is there, and the thread projection resumes where it stopped.
 */
class CrashIT {

    @TempDir
    Path dir;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void killedWhileAppendingLosesNothingAcknowledged() throws Exception {
        Map<String, String> env = Map.of("INKSTREAM_DATA_DIR", dir.resolve("data").toString(),
                "INKSTREAM_ADMIN_PASSWORD", "admin-secret", "INKSTREAM_ANONYMOUS_REPLY_LIMIT", "1000000");
        int port = Processes.freePort();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String postId;
        try (Processes processes = new Processes()) {
            Process backend = processes.startServing(Processes.STANDALONE, port, env, dir.resolve("first.log"));
            processes.post(port, "/authors", "admin", "admin-secret",
                    "{\"authorId\":\"jon\",\"displayName\":\"Jon\",\"password\":\"s3cret-pass\"}");
            postId = json.readTree(processes.post(port, "/posts", "jon", "s3cret-pass",
                    "{\"authorId\":\"jon\",\"title\":\"Crash\",\"bodyMarkdown\":\"x\"}").body()).get("postId").asText();

            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        var answer = processes.post(port, "/posts/" + postId + "/replies", null, null,
                                "{\"authorName\":\"R" + thread + "\",\"body\":\"" + i + "\"}");
                        if (answer.statusCode() == 201) {
                            acknowledged.add(json.readTree(answer.body()).get("replyId").asText());
                        }
                    }
                    return null;
                });
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 40);
            backend.destroyForcibly(); // SIGKILL, mid-append
            backend.waitFor(30, TimeUnit.SECONDS);
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        try (Processes processes = new Processes()) {
            processes.startServing(Processes.STANDALONE, port, env, dir.resolve("second.log"));
            Set<String> shown = new HashSet<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                shown.clear();
                JsonNode thread = json.readTree(processes.get(port, "/posts/" + postId + "/replies").body());
                thread.get("replies").forEach(r -> shown.add(r.get("replyId").asText()));
                return shown.containsAll(acknowledged);
            });
            assertThat(shown).containsAll(acknowledged);
            var after = processes.post(port, "/posts/" + postId + "/replies", null, null,
                    "{\"authorName\":\"After\",\"body\":\"the restart\"}");
            assertThat(after.statusCode()).isEqualTo(201);
            String newId = json.readTree(after.body()).get("replyId").asText();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    processes.get(port, "/posts/" + postId + "/replies").body().contains(newId));
        }
    }
}
