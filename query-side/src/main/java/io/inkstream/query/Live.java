package io.inkstream.query;

import java.time.Duration;
import java.util.function.Function;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Server-sent events from Axon subscription queries. Axon registers for updates when the
 * subscription is made, before the initial result is read, so nothing that happens between
 * the snapshot and the first live event is lost. A heartbeat comment keeps proxies from
 * closing a quiet stream, and a client that goes away cancels the flux, which closes the
 * subscription.
 */
@Component
public class Live {

    private final Duration heartbeat;

    public Live(@Value("${inkstream.sse.heartbeat:10s}") Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    /** The snapshot as the first event, then every update. */
    public <I, U> Flux<ServerSentEvent<Object>> stream(Mono<SubscriptionQueryResult<I, U>> subscription,
            Function<I, ServerSentEvent<Object>> snapshot, Function<U, ServerSentEvent<Object>> update) {
        return stream(subscription, snapshot, update, (initial, change) -> false);
    }

    /**
     * The snapshot as the first event, then every update the snapshot does not already show:
     * an update can be announced after the subscription began but describe a change the
     * snapshot was read after, and a client must not see it twice.
     */
    public <I, U> Flux<ServerSentEvent<Object>> stream(Mono<SubscriptionQueryResult<I, U>> subscription,
            Function<I, ServerSentEvent<Object>> snapshot, Function<U, ServerSentEvent<Object>> update,
            java.util.function.BiPredicate<I, U> shown) {
        Flux<ServerSentEvent<Object>> events = subscription.flatMapMany(result -> result.initialResult()
                .flatMapMany(initial -> Flux.just(snapshot.apply(initial))
                        .concatWith(result.updates().filter(change -> !shown.test(initial, change)).map(update)))
                .doFinally(signal -> result.close()));
        return withHeartbeat(events);
    }

    /** Updates only, after a comment that says the subscription is in place. */
    public <I, U> Flux<ServerSentEvent<Object>> updates(Mono<SubscriptionQueryResult<I, U>> subscription,
            Function<U, ServerSentEvent<Object>> update) {
        Flux<ServerSentEvent<Object>> events = subscription.flatMapMany(result -> result.initialResult()
                .then(Mono.just(ServerSentEvent.builder().comment("subscribed").build()))
                .concatWith(result.updates().map(update))
                .doFinally(signal -> result.close()));
        return withHeartbeat(events);
    }

    public static ServerSentEvent<Object> event(String name, Object data) {
        return ServerSentEvent.builder(data).event(name).build();
    }

    private Flux<ServerSentEvent<Object>> withHeartbeat(Flux<ServerSentEvent<Object>> events) {
        Flux<ServerSentEvent<Object>> beats = Flux.interval(heartbeat)
                .map(tick -> ServerSentEvent.builder().comment("heartbeat").build());
        return events.mergeWith(beats);
    }

    /** True when the client named this media type itself, not through a wildcard. */
    public static boolean asks(ServerWebExchange exchange, MediaType type) {
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(m -> m.getType().equalsIgnoreCase(type.getType())
                        && m.getSubtype().equalsIgnoreCase(type.getSubtype()));
    }
}
