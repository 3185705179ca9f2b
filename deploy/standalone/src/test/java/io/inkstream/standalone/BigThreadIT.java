package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

/**
 * A long thread of long replies, read as a client would: JSON in pages, the live snapshot in
 * parts, and an NDJSON stream whose client stops reading, which is closed rather than held.
 */
@ExtendWith(OutputCaptureExtension.class)
class BigThreadIT extends BackendTest {

    @LocalServerPort
    int port;

    String thread(int replies, String body) {
        String author = registerAuthor();
        String postId = publish(author, unique("Long thread"), List.of());
        Flux.range(0, replies)
                .flatMap(i -> http.post().uri("/posts/{id}/replies", postId)
                        .bodyValue(Map.of("authorName", "Reader " + i, "body", body))
                        .exchange().returnResult(String.class).getResponseBody().then(), 8)
                .blockLast(Duration.ofSeconds(60));
        awaitGet("/posts/{id}/replies?limit=1", t -> t.get("replyCount").asInt() == replies, postId);
        return postId;
    }

    @Test
    void jsonThreadComesInPagesThatFollowTheirCursor() {
        String postId = thread(230, "A reply.");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/posts/{id}/replies?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), postId);
            page.get("replies").forEach(r -> seen.add(r.get("replyId").asText()));
            assertThat(page.get("replyCount").asInt()).isEqualTo(230);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(230).doesNotHaveDuplicates();
        assertThat(get("/posts/{id}/replies", postId).get("replies")).hasSize(100);
        for (String bad : List.of("limit=0", "limit=501", "limit=many", "cursor=bm9ib2R5")) {
            http.get().uri("/posts/{id}/replies?" + bad, postId).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void liveSnapshotOfALongThreadComesInParts() {
        String postId = thread(250, "A reply.");
        List<ServerSentEvent<String>> events = sse("/posts/{id}/replies", postId)
                .filter(e -> e.event() != null).take(3).collectList().block(Duration.ofSeconds(30));
        List<Integer> sizes = events.stream().map(e -> read(e.data()).get("replies").size()).toList();
        assertThat(events).extracting(ServerSentEvent::event).containsOnly("snapshot");
        assertThat(sizes).containsExactly(100, 100, 50);
        assertThat(read(events.get(2).data()).get("nextCursor").isNull()).isTrue();
    }

    /**
     * 600 replies of 50 KB of HTML each: 30 MB, twice what the connection's buffers and the
     * server's outbound queue hold together (about 4 MB and 190 items). A client
     * that reads nothing stops the stream where the buffers are full; after the idle timeout
     * (10 s here) the server ends it, and the client never sees the stream's end.
     */
    @Test
    void streamWhoseClientReadsNothingIsClosed(CapturedOutput log) throws Exception {
        String postId = thread(600, "&".repeat(10_000));
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("localhost", port));
            socket.getOutputStream().write(("GET /posts/" + postId + "/replies HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: application/x-ndjson\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // Closed by the server, and said so: only then is the socket read, or reading would
            // let the stream go on.
            eventually().atMost(Duration.ofSeconds(40)).until(() -> log.getAll()
                    .contains("Closed the stream of GET /posts/" + postId + "/replies"));
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // closed by the server while data was still unread: as good as an end of stream
            }
            String text = received.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200").doesNotContain("\r\n0\r\n\r\n");
            assertThat(received.size()).isLessThan(600 * 50_000);
        }
    }
}
