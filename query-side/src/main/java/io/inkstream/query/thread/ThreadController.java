package io.inkstream.query.thread;

import io.inkstream.api.reply.FetchThreadQuery;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.StreamThreadQuery;
import io.inkstream.api.reply.ThreadUpdate;
import io.inkstream.api.reply.ThreadView;
import io.inkstream.query.Live;
import io.inkstream.query.post.PostQueryController;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A post's comment thread: nested JSON, flat NDJSON, or live server-sent events. */
@RestController
class ThreadController {

    private final ReactorQueryGateway queries;
    private final Live live;

    ThreadController(ReactorQueryGateway queries, Live live) {
        this.queries = queries;
        this.live = live;
    }

    @GetMapping("/posts/{idOrSlug}/replies")
    Mono<ResponseEntity<?>> thread(@PathVariable String idOrSlug, ServerWebExchange exchange) {
        return PostQueryController.published(queries, idOrSlug).map(post -> {
            String postId = post.postId();
            if (Live.asks(exchange, MediaType.TEXT_EVENT_STREAM)) {
                return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                        .body(live.stream(queries.subscriptionQuery(new FetchThreadQuery(postId), ThreadView.class,
                                ThreadUpdate.class), t -> Live.event("snapshot", t), u -> Live.event(u.kind(), u),
                                ThreadController::shows));
            }
            if (Live.asks(exchange, MediaType.APPLICATION_NDJSON)) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON)
                        .body(queries.streamingQuery(new StreamThreadQuery(postId), ReplyView.class));
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(queries.query(new FetchThreadQuery(postId), ThreadView.class));
        });
    }

    /** Whether the thread already shows the reply as the update has it. */
    static boolean shows(ThreadView thread, ThreadUpdate update) {
        ReplyView changed = update.reply();
        java.util.Deque<ReplyView> left = new java.util.ArrayDeque<>(thread.replies());
        while (!left.isEmpty()) {
            ReplyView reply = left.pop();
            if (reply.replyId().equals(changed.replyId())) {
                return reply.removed() == changed.removed()
                        && java.util.Objects.equals(reply.editedAt(), changed.editedAt())
                        && java.util.Objects.equals(reply.bodyHtml(), changed.bodyHtml());
            }
            left.addAll(reply.replies());
        }
        return false;
    }
}
