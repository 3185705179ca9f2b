package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import reactor.core.Disposable;

/**
 * One reply followed by its trace: the client's {@code traceparent} names the trace, and the
 * request's access line, the command's, the thread projection's and the live feed's that tells
 * the subscribers all carry its id, as the answer's {@code traceparent} does.
 */
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability
// A context of its own, closed after this class: kept for reuse beside the other tests' one, its
// processors (under the same node name, TestMongo) handled every event a second time, racing the
// other's dead letters and replays.
@DirtiesContext
// The settings of ManagementPortIT.
@TestPropertySource(properties = {"management.server.port=0", "inkstream.access-log.enabled=true"})
class TracingIT extends BackendTest {

    static final List<String> LOGGERS = List.of("io.inkstream.command.reply.Reply",
            "io.inkstream.query.thread.ThreadProjection", "io.inkstream.query.live.LiveFeeds");

    @LocalServerPort
    int port;

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void debug() {
        LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
    }

    @AfterEach
    void quiet() {
        LOGGERS.forEach(name -> logging.setLogLevel(name, null));
    }

    @Test
    void oneRepliesTraceRunsFromTheCommandThroughTheProjectionToTheLiveThread(CapturedOutput output) throws Exception {
        String author = registerAuthor();
        String post = publish(author, unique("Traced"), List.of());
        awaitGet("/posts/{id}", p -> true, post);
        AtomicReference<ServerSentEvent<String>> told = new AtomicReference<>();
        Disposable watching = LiveIT.named(sse("/posts/{id}/replies", post)).filter(e -> "reply-added".equals(e.event()))
                .subscribe(told::set);
        try {
            String trace = UUID.randomUUID().toString().replace("-", "");
            // A plain client: the test's shared one traces its requests itself, and would send its own trace.
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/posts/" + post + "/replies"))
                    .header("traceparent", "00-" + trace + "-" + trace.substring(0, 16) + "-01")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"authorName\":\"Tracer\",\"body\":\"Follow me\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat(answer.headers().firstValue("traceparent")).hasValueSatisfying(t -> assertThat(t).startsWith("00-" + trace + "-"));
            String reply = read(answer.body()).get("replyId").asText();
            eventually().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(told.get()).isNotNull();
                assertThat(told.get().data()).contains(reply);
                List<String> lines = output.getAll().lines().filter(line -> line.contains(trace)).toList();
                assertThat(lines).anySatisfy(line -> assertThat(line).contains("Adding reply " + reply));
                assertThat(lines).anySatisfy(line -> assertThat(line).contains("inkstream.access")
                        .contains("POST /posts/" + post + "/replies 201"));
                assertThat(lines).anySatisfy(line -> assertThat(line).contains("Placing reply " + reply));
                assertThat(lines).anySatisfy(line -> assertThat(line).contains("Telling the live thread of post " + post)
                        .contains(reply));
            });
        } finally {
            watching.dispose();
        }
    }
}
