package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.inkstream.api.post.PostDrafted;
import io.inkstream.api.post.PostPublished;
import io.inkstream.eventstore.MongoEventLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled posts with real processes: two command sides publish each post once, within two
 * seconds of its time; a post due while every command side is down (killed with SIGKILL)
 * publishes when one starts again.
 */
class ScheduledPostsIT {

    static final String PASSWORD = "s3cret-pass";
    static final int POSTS = 6;

    @TempDir
    Path dir;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void twoCommandSidesPublishEachOnceAndAPostDueWhileAllAreDownPublishesAtTheNextStart() throws Exception {
        try (Processes processes = new Processes()) {
            String uri = processes.startMongo(dir);
            Map<String, String> env = Processes.deployment(uri);
            int[] ports = {Processes.freePort(), Processes.freePort()};
            Process first = processes.startServing(Processes.COMMAND_SIDE, ports[0], env, dir.resolve("first.log"));
            Process second = processes.startServing(Processes.COMMAND_SIDE, ports[1], env, dir.resolve("second.log"));
            assertThat(processes.post(ports[0], "/authors", "admin", "admin-secret",
                    "{\"authorId\":\"jon\",\"displayName\":\"Jon\",\"password\":\"" + PASSWORD + "\"}").statusCode())
                    .isEqualTo(201);

            Instant at = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
            List<String> due = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                due.add(schedule(processes, ports[i % 2], "Together " + i, at));
            }
            Instant later = at.plusSeconds(8);
            String whileDown = schedule(processes, ports[1], "While all are down", later);

            try (MongoClient client = MongoClients.create(uri)) {
                Map<String, List<DomainEventMessage<?>>> published = awaitPublished(client, due);
                for (String postId : due) {
                    assertThat(published.get(postId)).as(postId).hasSize(1);
                    DomainEventMessage<?> event = published.get(postId).get(0);
                    assertThat(event.getTimestamp()).as(postId).isAfterOrEqualTo(at).isBefore(at.plusSeconds(2));
                    assertThat(event.getMetaData().get("principal")).isEqualTo("system");
                }

                first.destroyForcibly().waitFor();
                second.destroyForcibly().waitFor();
                // Nothing runs when the last post is due.
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Instant.now().isAfter(later.plusSeconds(1)));
                assertThat(awaitPublished(client, List.of()).get(whileDown)).as("published by nobody").isNull();

                Instant restart = Instant.now();
                processes.startServing(Processes.COMMAND_SIDE, ports[0], env, dir.resolve("third.log"));
                Map<String, List<DomainEventMessage<?>>> after = awaitPublished(client, List.of(whileDown));
                assertThat(after.get(whileDown)).hasSize(1);
                assertThat(after.get(whileDown).get(0).getTimestamp()).isAfter(restart);
                for (String postId : due) {
                    assertThat(after.get(postId)).as("still published once: " + postId).hasSize(1);
                }
            }
        }
    }

    String schedule(Processes processes, int port, String title, Instant at) throws Exception {
        var answer = processes.post(port, "/posts", "jon", PASSWORD, "{\"authorId\":\"jon\",\"title\":\"" + title
                + "\",\"bodyMarkdown\":\"Soon.\",\"status\":\"scheduled\",\"publishAt\":\"" + at + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json.readTree(answer.body()).get("postId").asText();
    }

    /** Every post's PostPublished events, once each of {@code expected} has one. */
    static Map<String, List<DomainEventMessage<?>>> awaitPublished(MongoClient client, List<String> expected) {
        MongoEventLog log = MongoEventLog.builder().database(client.getDatabase("inkstream"))
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .gapTimeout(Duration.ofSeconds(5)).build();
        Map<String, List<DomainEventMessage<?>>> published = new HashMap<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            published.clear();
            TrackingToken token = null;
            List<TrackedEventMessage<?>> batch;
            do {
                batch = log.readEvents(token, false).<TrackedEventMessage<?>>map(e -> e).toList();
                for (TrackedEventMessage<?> event : batch) {
                    if (event.getPayload() instanceof PostPublished || event.getPayload() instanceof PostDrafted) {
                        DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
                        List<DomainEventMessage<?>> list = published.computeIfAbsent(domain.getAggregateIdentifier(),
                                id -> new ArrayList<>());
                        if (event.getPayload() instanceof PostPublished) {
                            list.add(domain);
                        }
                    }
                    token = event.trackingToken();
                }
            } while (!batch.isEmpty());
            published.values().removeIf(List::isEmpty);
            return expected.stream().allMatch(published::containsKey);
        });
        return published;
    }
}
