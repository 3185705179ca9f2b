package io.inkstream.query.thread;

import io.inkstream.api.Actor;
import io.inkstream.api.Refusal;
import io.inkstream.api.reply.FollowModerationQuery;
import io.inkstream.api.reply.HeldReply;
import io.inkstream.platform.web.ApiAnswers;
import io.inkstream.platform.web.Requester;
import io.inkstream.query.Live;
import io.inkstream.query.Streams;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The moderation queue, for those who moderate (security asks for credentials): an admin sees
 * every held reply, an author those on their own posts, oldest first. JSON (an array written as
 * it is read, or the oldest {@code limit}) and NDJSON both stream with backpressure;
 * server-sent events tell {@code reply-held} as replies are held.
 */
@RestController
record ModerationController(ModerationQueue queue, Streams streams) {

    @Bean
    static RouterFunction<ServerResponse> moderationStream(Live live) {
        return RouterFunctions.route().GET("/moderation", Live.STREAM, request -> {
            status(request.queryParam("status").orElse(null));
            return Requester.of(request.exchange()).flatMap(requester -> live.ok(request, live.updates(
                    live.subscribe(new FollowModerationQuery(whose(requester.actor())), Instant.class, HeldReply.class),
                    held -> Live.event("reply-held", held))));
        }).build();
    }

    @GetMapping("/moderation")
    Mono<ResponseEntity<?>> pending(@RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit, ServerWebExchange exchange) {
        status(status);
        if (limit != null && limit < 1) {
            throw Refusal.Invalid.field("limit", "must be 1 or more");
        }
        return Requester.of(exchange).map(requester -> {
            Flux<HeldReply> held = queue.pending(whose(requester.actor()));
            Flux<HeldReply> asked = streams.idle(limit == null ? held : held.take(limit), exchange);
            return ResponseEntity.ok().contentType(Live.asks(exchange, MediaType.APPLICATION_NDJSON)
                    ? MediaType.APPLICATION_NDJSON : MediaType.APPLICATION_JSON).body(asked);
        });
    }

    /** Only the held replies are queued: approved ones are in their threads, rejected ones nowhere. */
    private static void status(String status) {
        if (status != null && !status.equals("pending")) {
            throw Refusal.Invalid.field("status", "must be pending");
        }
    }

    /** Whose posts' replies a moderator sees: every post's for an admin (null), else their own. */
    private static String whose(Actor actor) {
        return actor.admin() ? null : actor.login();
    }

    /** What this operation answers (the OpenAPI document). */
    @Bean
    static ApiAnswers moderationAnswers() {
        return ApiAnswers.of(t -> t.on("GET", "/moderation").answers(200, List.of(HeldReply.class))
                .ndjson(HeldReply.class).events("reply-held").refuses(400, 401));
    }
}
