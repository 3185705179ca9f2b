package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, run as API.md's "Running" says: it answers health, serves both sides on one
 * port, and stops on SIGTERM with a clean exit, keeping what it acknowledged.
 */
class ProcessIT {

    static final Path JAR = Path.of("target", "inkstream.jar");

    @TempDir
    Path data;

    Process process;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    int startJar() throws IOException {
        assertThat(JAR).as("the standalone jar is built before integration tests").exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("process.log").toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("INKSTREAM_DATA_DIR", data.resolve("store").toString());
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("INKSTREAM_ADMIN_PASSWORD");
        process = builder.start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> health(port).contains("\"UP\""));
        return port;
    }

    String health(int port) {
        try {
            return send(port, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET())
                    .body();
        } catch (Exception e) {
            return "";
        }
    }

    HttpResponse<String> send(int port, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder post(int port, String path, String login, String password, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    @Test
    void standaloneJarServesStopsCleanlyOnSigtermAndKeepsItsData() throws Exception {
        int port = startJar();
        var registered = send(port, post(port, "/authors", "admin", "admin",
                "{\"authorId\":\"jon-ingham\",\"displayName\":\"Jon Ingham\",\"password\":\"s3cret-pass\"}"));
        assertThat(registered.statusCode()).isEqualTo(201);

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        assertThat(process.exitValue()).as("exit status after SIGTERM").isIn(0, 143);

        port = startJar();
        var token = send(port, post(port, "/auth/token", "jon-ingham", "s3cret-pass", ""));
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(Files.readString(data.resolve("process.log"))).doesNotContain("s3cret-pass");
    }
}
