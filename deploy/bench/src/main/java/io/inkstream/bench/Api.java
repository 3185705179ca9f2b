package io.inkstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkstream.platform.security.Tokens;
import io.inkstream.platform.web.Requester;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Setup and admin calls, made as a client would make them; the load itself goes through {@link Load}. */
final class Api {

    static final String ADMIN_PASSWORD = "bench-admin";
    static final String TOKEN_SECRET = "bench-token-secret-".repeat(3);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = Tokens.withSecret(TOKEN_SECRET, Clock.systemUTC())
            .issue(UsernamePasswordAuthenticationToken.authenticated("admin", null,
                    List.of(new SimpleGrantedAuthority(Requester.ADMIN_ROLE)))).token();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    Api(int port) {
        this.port = port;
    }

    /** The environment a measured Inkstream process gets from the harness. */
    static Map<String, String> env(String mongoUri) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("INKSTREAM_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "INKSTREAM_TOKEN_SECRET", TOKEN_SECRET));
        if (mongoUri != null) {
            env.put("MONGODB_URI", mongoUri);
        }
        return env;
    }

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Registers an author and answers a bearer token for it. */
    String author(String login) throws IOException, InterruptedException {
        String password = "bench-password-" + login;
        send("POST", "/authors", basic("admin", ADMIN_PASSWORD), Map.of("authorId", login, "displayName", "Bench "
                + login, "password", password), 201);
        return send("POST", "/auth/token", basic(login, password), null, 200).get("token").asText();
    }

    /** Publishes a post and answers its id. */
    String publish(String login, String token, String title) throws IOException, InterruptedException {
        return send("POST", "/posts", "Bearer " + token, Map.of("authorId", login, "title", title,
                "bodyMarkdown", "A post to reply to.\n\nIt has **two** paragraphs."), 201).get("postId").asText();
    }

    /**
     * An admin call with a bearer token: with HTTP Basic each status poll would cost the measured
     * process a bcrypt check (tens of milliseconds of CPU), and the polls would be measured too.
     */
    JsonNode admin(String method, String path, int expected) throws IOException, InterruptedException {
        return send(method, path, "Bearer " + ADMIN_TOKEN, null, expected);
    }

    JsonNode send(String method, String path, String authorization, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
