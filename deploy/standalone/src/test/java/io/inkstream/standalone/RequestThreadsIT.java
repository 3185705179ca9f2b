package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Requests reach their handlers on the event loop, or where blocking is allowed once a password
 * was checked, never on Reactor's parallel workers: a web session opened per request once moved
 * every request there, where a contended lock anywhere later in the request failed it.
 */
class RequestThreadsIT extends BackendTest {

    @Autowired
    RequestThreads threads;

    @Test
    void commandsAndQueriesReachTheirHandlersOnTheEventLoop() {
        String author = registerAuthor();
        String postId = publish(author, unique("Threads"), List.of());
        http.post().uri("/posts/{id}/replies", postId).header("X-Correlation-Id", "probe-reply")
                .bodyValue(Map.of("authorName", "Ann", "body", "On which thread?")).exchange()
                .expectStatus().isCreated();
        http.post().uri("/posts/{id}/replies", postId).header("X-Correlation-Id", "probe-reply-basic")
                .headers(as(author)).bodyValue(Map.of("body", "And as an author?")).exchange()
                .expectStatus().isCreated();
        http.get().uri("/posts/{id}/replies", postId).header("X-Correlation-Id", "probe-thread").exchange()
                .expectStatus().isOk();
        http.get().uri("/posts/{id}", postId).header("X-Correlation-Id", "probe-page").exchange()
                .expectStatus().isOk();
        for (String probe : List.of("probe-reply", "probe-reply-basic", "probe-thread", "probe-page")) {
            // The event loop, or boundedElastic after a password check; never a parallel worker.
            assertThat(threads.seen.get(probe)).as(probe).isNotNull().doesNotStartWith("parallel-");
        }
    }
}
