package io.inkstream.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** Runs the built jars as separate processes on loopback, as an operator would. */
final class Processes implements AutoCloseable {

    static final Path STANDALONE = Path.of("target", "inkstream.jar");
    static final Path COMMAND_SIDE = Path.of("..", "..", "command-side", "target", "inkstream-command-side.jar");
    static final Path QUERY_SIDE = Path.of("..", "..", "query-side", "target", "inkstream-query-side.jar");

    /**
     * What every process of one deployment on the MongoDB at {@code uri} is started with: the
     * store, the admin's password, the secret tokens are signed with (so that each process takes
     * the others'); and {@code more}, names and values in turn.
     */
    static Map<String, String> deployment(String uri, String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MONGODB_URI", uri,
                "INKSTREAM_ADMIN_PASSWORD", "admin-secret", "INKSTREAM_TOKEN_SECRET", "shared-secret"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return Map.copyOf(env);
    }

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Process start(Path jar, Map<String, String> env, Path log, String... args) throws IOException {
        if (!jar.toFile().exists()) {
            throw new IllegalStateException(jar + " is not built; integration tests run after `package`");
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only what the test passes: the machine's own settings must not leak in.
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("INKSTREAM_ADMIN_PASSWORD");
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /**
     * Starts the embedded MongoDB alone (the standalone jar in {@code mongo} mode), its file
     * under {@code dir}, and answers its URI, for processes that share it.
     */
    String startMongo(Path dir) throws IOException {
        int port = freePort();
        start(STANDALONE, Map.of("INKSTREAM_DATA_DIR", dir.resolve("mongo").toString(), "MONGODB_PORT",
                String.valueOf(port)), dir.resolve("mongo.log"), "--inkstream.mode=mongo");
        return "mongodb://127.0.0.1:" + port + "/inkstream";
    }

    /** Starts an HTTP process and waits until its health is UP. */
    Process startServing(Path jar, int port, Map<String, String> env, Path log) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PORT", String.valueOf(port));
        Process process = start(jar, all, log);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> !process.isAlive() || get(port, "/actuator/health").body().contains("\"UP\""));
        if (!process.isAlive()) {
            throw new IllegalStateException("process on port " + port + " died at startup; see " + log);
        }
        return process;
    }

    HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    HttpResponse<String> post(int port, String path, String login, String password, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(e);
        }
    }

    /** A request that got no answer: the process was gone, or went away mid-request. */
    record Failed(Exception cause) implements HttpResponse<String> {
        public int statusCode() {
            return -1;
        }

        public HttpRequest request() {
            return null;
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        public String body() {
            return "";
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return null;
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
        for (Process process : started) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
