package io.inkstream.query.thread;

import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.FetchThreadQuery;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.ThreadView;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.platform.web.Requester;
import io.inkstream.query.Live;
import io.inkstream.query.PageCache;
import io.inkstream.query.Paging;
import io.inkstream.query.Streams;
import io.inkstream.query.post.PostViews;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A post's comment thread: nested JSON, flat NDJSON, or live server-sent events (a functional
 * endpoint, {@link Live#STREAM} says why).
 */
@RestController
record ThreadController(Streams streams, ThreadViews views, PostViews posts, PageCache cache) {

    /** Replies on a page when the client names no limit, and in each part of a live snapshot. */
    static final int PAGE = 100;
    /** The most replies a page may hold. */
    static final int PAGE_MAX = 500;

    /**
     * The live thread: its first page as the subscription's initial result, the later pages
     * read as the client takes them, each a {@code snapshot} event with its {@code nextCursor}.
     */
    @Bean
    static RouterFunction<ServerResponse> threadStream(ReactorQueryGateway queries, PostViews posts, Live live) {
        return RouterFunctions.route(RequestPredicates.GET("/posts/{postId}/replies").and(Live.STREAM),
                request -> posts.publishedId(request.pathVariable("postId"))
                        .flatMap(post -> live.ok(request, live.stream(
                                live.subscribe(new FetchThreadQuery(post, null, PAGE), ThreadView.class,
                                        ThreadView.Update.class),
                                first -> Flux.just(first).expand(part -> part.nextCursor() == null ? Mono.empty()
                                        : queries.query(new FetchThreadQuery(part.postId(), part.nextCursor(), PAGE),
                                                ThreadView.class)),
                                t -> Live.event("snapshot", t), u -> Live.event(u.kind(), u), ThreadController::shows))));
    }

    @GetMapping("/posts/{postId}/replies")
    Mono<ResponseEntity<?>> thread(
            @Parameter(description = "the post's id, or its slug") @PathVariable("postId") String idOrSlug,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, ServerWebExchange exchange) {
        int size = Paging.limit(limit, PAGE, PAGE_MAX);
        if (Live.asks(exchange, MediaType.APPLICATION_NDJSON)) {
            // Straight from the read model rather than through Axon's streaming query, which
            // asks its handler for 256 replies ahead of the client: a reader that stopped
            // held that many (3 MB of a long thread's replies) for as long as it stayed.
            return reader(idOrSlug, exchange).map(reader -> ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON)
                    .body(streams.idle(views.flat(reader.post().postId(), reader.withHeld()), exchange)));
        }
        String key = "thread/" + size + (cursor == null ? "/-/" : "/c" + cursor + "/") + idOrSlug;
        PageCache.Page kept = cache.get(key);
        PageCache.Stamp stamp = cache.stamp();
        // The post's author and admins read it with the replies waiting for them, each with its
        // status: a page kept for the public is not theirs.
        if (kept != null) {
            return Requester.of(exchange).flatMap(requester -> requester.actor().mayActAs(kept.authorId())
                    ? page(idOrSlug, cursor, size, exchange, key, stamp) : Mono.just(json(kept, exchange)));
        }
        return page(idOrSlug, cursor, size, exchange, key, stamp);
    }

    /** A thread's post, and whether its reader moderates it. */
    private record Reader(PostViews.Moderated post, boolean withHeld) {
    }

    private Mono<Reader> reader(String idOrSlug, ServerWebExchange exchange) {
        return Mono.zip(posts.moderated(idOrSlug), Requester.of(exchange))
                .map(found -> new Reader(found.getT1(), found.getT1().by(found.getT2().actor())));
    }

    /** A page read from the read model directly (a one-off page needs nothing of the query bus); kept if public. */
    private Mono<ResponseEntity<?>> page(String idOrSlug, String cursor, int size, ServerWebExchange exchange,
            String key, PageCache.Stamp stamp) {
        return reader(idOrSlug, exchange).flatMap(reader -> {
            Mono<ThreadView> page = views.page(reader.post().postId(), cursor, size, reader.withHeld());
            return reader.withHeld() ? page.map(view -> Paging.linked(ResponseEntity.ok(), exchange, view.nextCursor()).body(view))
                    : page.map(view -> json(cache.put(key, stamp, view, 0, reader.post().authorId(), view.nextCursor()),
                            exchange));
        });
    }

    /** A page as kept: its bytes, their tag, and the link to the next page. */
    private static ResponseEntity<?> json(PageCache.Page page, ServerWebExchange exchange) {
        return Paging.linked(ResponseEntity.ok(), exchange, page.next()).eTag(page.etag())
                .contentType(MediaType.APPLICATION_JSON).body(page.body());
    }

    /**
     * Which replies the thread shows, and as what: a fingerprint per reply rather than the
     * thread itself, which can be large and would be kept for as long as the stream is open.
     */
    static Predicate<ThreadView.Update> shows(ThreadView thread) {
        Map<ReplyId, State> shown = new HashMap<>();
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

    /** What this operation answers (the OpenAPI document). */
    @Bean
    static ApiAnswers threadAnswers() {
        return ApiAnswers.of(t -> t.on("GET", "/posts/{postId}/replies").answers(200, ThreadView.class).tagged()
                .paged().ndjson(ReplyView.class)
                .events("snapshot (the thread, in parts), then reply-added, reply-edited, reply-removed; "
                        + "reply-held for its moderators")
                .refuses(400, 404, 410));
    }
}
