package io.inkstream.query.thread;

import io.inkstream.api.reply.FetchThreadQuery;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.StreamThreadQuery;
import io.inkstream.api.reply.ThreadUpdate;
import io.inkstream.api.reply.ThreadView;
import io.inkstream.query.Live;
import io.inkstream.query.post.PostQueryController;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A post's comment thread: nested JSON, flat NDJSON, or live server-sent events (a functional
 * endpoint, {@link Live#STREAM} says why).
 */
@RestController
class ThreadController {

    private final ReactorQueryGateway queries;

    ThreadController(ReactorQueryGateway queries) {
        this.queries = queries;
    }

    @Bean
    static RouterFunction<ServerResponse> threadStream(ReactorQueryGateway queries, Live live) {
        return RouterFunctions.route(RequestPredicates.GET("/posts/{idOrSlug}/replies").and(Live.STREAM),
                request -> PostQueryController.published(queries, request.pathVariable("idOrSlug"))
                        .flatMap(post -> Live.ok(live.stream(live.subscribe(new FetchThreadQuery(post.postId()),
                                ThreadView.class, ThreadUpdate.class), t -> Live.event("snapshot", t),
                                u -> Live.event(u.kind(), u), ThreadController::shows))));
    }

    @GetMapping("/posts/{idOrSlug}/replies")
    Mono<ResponseEntity<?>> thread(@PathVariable String idOrSlug, ServerWebExchange exchange) {
        return PostQueryController.published(queries, idOrSlug).map(post -> {
            String postId = post.postId();
            if (Live.asks(exchange, MediaType.APPLICATION_NDJSON)) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON)
                        .body(queries.streamingQuery(new StreamThreadQuery(postId), ReplyView.class));
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(queries.query(new FetchThreadQuery(postId), ThreadView.class));
        });
    }

    /**
     * Which replies the thread shows, and as what: a fingerprint per reply rather than the
     * thread itself, which can be large and would be kept for as long as the stream is open.
     */
    static Predicate<ThreadUpdate> shows(ThreadView thread) {
        Map<String, State> shown = new HashMap<>();
        Deque<ReplyView> left = new ArrayDeque<>(thread.replies());
        while (!left.isEmpty()) {
            ReplyView reply = left.pop();
            shown.put(reply.replyId(), fingerprint(reply));
            left.addAll(reply.replies());
        }
        return update -> fingerprint(update.reply()).equals(shown.get(update.reply().replyId()));
    }

    /** A reply's state: each edit stamps a new time, and the body is kept as its hash only. */
    private record State(boolean removed, Instant editedAt, int body) {
    }

    private static State fingerprint(ReplyView reply) {
        return new State(reply.removed(), reply.editedAt(), Objects.hashCode(reply.bodyHtml()));
    }
}
