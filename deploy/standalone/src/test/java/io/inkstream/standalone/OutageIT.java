package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MongoDB (the embedded one, in its own process) stops under a running backend: commands and
 * reads answer 503 within seconds, and once MongoDB is back the backend recovers by itself,
 * with everything acknowledged before the outage still there.
 */
class OutageIT {

    @TempDir
    Path dir;

    @Test
    void mongoDownAnswers503QuicklyAndRecovers() throws Exception {
        try (Processes processes = new Processes()) {
            int mongoPort = Processes.freePort();
            Map<String, String> mongoEnv = Map.of("INKSTREAM_DATA_DIR", dir.resolve("mongo").toString(),
                    "MONGODB_PORT", String.valueOf(mongoPort));
            Process mongo = processes.start(Processes.STANDALONE, mongoEnv, dir.resolve("mongo.log"), "--inkstream.mode=mongo");
            int port = Processes.freePort();
            processes.startServing(Processes.STANDALONE, port, Map.of(
                    "MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/inkstream",
                    "INKSTREAM_ADMIN_PASSWORD", "admin-secret", "INKSTREAM_DATA_DIR", dir.resolve("app").toString()),
                    dir.resolve("app.log"));
            assertThat(register(processes, port, "before").statusCode()).isEqualTo(201);

            mongo.destroy();
            assertThat(mongo.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            var command = register(processes, port, "during");
            double commandSeconds = (System.nanoTime() - start) / 1e9;
            assertThat(command.statusCode()).isEqualTo(503);
            assertThat(command.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).contains("application/problem+json"));
            assertThat(command.body()).doesNotContain("Exception", "com.mongodb");
            assertThat(commandSeconds).as("seconds to answer without MongoDB").isLessThan(5.0);
            start = System.nanoTime();
            var read = processes.get(port, "/authors/before");
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);

            processes.start(Processes.STANDALONE, mongoEnv, dir.resolve("mongo-again.log"), "--inkstream.mode=mongo");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> register(processes, port, "after").statusCode() == 201);
            assertThat(register(processes, port, "before").statusCode()).as("acknowledged before the outage").isEqualTo(409);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> processes.get(port, "/authors/after").statusCode() == 200
                            && processes.get(port, "/authors/before").statusCode() == 200);
        }
    }

    static java.net.http.HttpResponse<String> register(Processes processes, int port, String id) {
        return processes.post(port, "/authors", "admin", "admin-secret",
                "{\"authorId\":\"" + id + "\",\"displayName\":\"" + id + "\",\"password\":\"s3cret-pass\"}");
    }
}
