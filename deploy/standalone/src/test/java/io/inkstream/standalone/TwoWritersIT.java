package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.eventstore.MongoEventLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two command-side processes append to one embedded MongoDB process at the same time: every
 * acknowledged reply is stored once, and tracking the store sees each event exactly once, in
 * order per aggregate.
 */
class TwoWritersIT {

    static final int THREADS_PER_WRITER = 4;
    static final int REPLIES_PER_THREAD = 15;

    @TempDir
    Path dir;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void twoProcessesAppendingToOneStore() throws Exception {
        try (Processes processes = new Processes()) {
            String uri = processes.startMongo(dir);
            Map<String, String> env = Processes.deployment(uri, "INKSTREAM_ANONYMOUS_REPLY_LIMIT", "1000000");
            int[] ports = {Processes.freePort(), Processes.freePort()};
            processes.startServing(Processes.COMMAND_SIDE, ports[0], env, dir.resolve("writer-1.log"));
            processes.startServing(Processes.COMMAND_SIDE, ports[1], env, dir.resolve("writer-2.log"));

            assertThat(processes.post(ports[0], "/authors", "admin", "admin-secret",
                    "{\"authorId\":\"jon\",\"displayName\":\"Jon\",\"password\":\"s3cret-pass\"}").statusCode()).isEqualTo(201);
            String postId = json.readTree(processes.post(ports[1], "/posts", "jon", "s3cret-pass",
                    "{\"authorId\":\"jon\",\"title\":\"Popular\",\"bodyMarkdown\":\"Reply!\"}").body()).get("postId").asText();

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_WRITER * 2);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS_PER_WRITER * 2; t++) {
                int port = ports[t % 2];
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < REPLIES_PER_THREAD; i++) {
                        var answer = processes.post(port, "/posts/" + postId + "/replies", null, null,
                                "{\"authorName\":\"Reader " + thread + "\",\"body\":\"Reply " + i + "\"}");
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                        acknowledged.add(json.readTree(answer.body()).get("replyId").asText());
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(3, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(acknowledged).hasSize(THREADS_PER_WRITER * 2 * REPLIES_PER_THREAD);

            try (MongoClient client = MongoClients.create(uri)) {
                MongoEventLog log = MongoEventLog.builder().database(client.getDatabase("inkstream"))
                        .eventSerializer(JacksonSerializer.defaultSerializer())
                        .snapshotSerializer(JacksonSerializer.defaultSerializer())
                        .gapTimeout(Duration.ofSeconds(5)).build();
                Map<String, Integer> replies = new HashMap<>();
                Map<String, Long> lastSequence = new HashMap<>();
                TrackingToken token = null;
                List<TrackedEventMessage<?>> batch;
                do {
                    batch = log.readEvents(token, false).<TrackedEventMessage<?>>map(e -> e).toList();
                    for (TrackedEventMessage<?> event : batch) {
                        DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
                        Long previous = lastSequence.put(domain.getAggregateIdentifier(), domain.getSequenceNumber());
                        assertThat(domain.getSequenceNumber()).isEqualTo(previous == null ? 0 : previous + 1);
                        if (event.getPayload() instanceof ReplyAdded added) {
                            replies.merge(added.replyId().value(), 1, Integer::sum);
                        }
                        token = event.trackingToken();
                    }
                } while (!batch.isEmpty());
                assertThat(replies.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
                assertThat(replies.values()).allMatch(count -> count == 1);
            }
        }
    }
}
