package io.inkstream.query;

import io.inkstream.platform.web.Accepts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Server-sent events from Axon subscription queries. Axon registers for updates when the
 * subscription is made, before the initial result is read, so nothing that happens between
 * the snapshot and the first live event is lost. A heartbeat comment keeps proxies from
 * closing a quiet stream, and a client that goes away cancels the flux, which closes the
 * subscription.
 */
@Component
public class Live implements DisposableBean, SmartLifecycle {

    static final int UPDATES_BUFFERED = 64;

    private static final ServerSentEvent<Object> HEARTBEAT = ServerSentEvent.builder().comment("heartbeat").build();

    /**
     * Requests for a live stream. The streams are functional endpoints rather than controller
     * methods: a stream stays open for hours, and what its request was handled with stays on
     * the heap meanwhile. A controller method's call keeps its argument resolvers (with a
     * 256-entry cache), two binding contexts and their adapter registries: several KiB per open
     * stream (heap histograms, 2,000 streams). JSON and NDJSON of the same paths stay with the
     * controllers.
     */
    public static final RequestPredicate STREAM = request -> asks(request.exchange(), MediaType.TEXT_EVENT_STREAM);

    /**
     * One timer for every open stream, rather than one each; it runs for the life of the
     * application, so no stream's end ever stops it (stopping a timer waits for it, and a
     * stream ends on an event loop). A stream not ready for a heartbeat misses that one.
     */
    private final Sinks.Many<ServerSentEvent<Object>> heartbeats = Sinks.many().multicast().directBestEffort();
    private final Disposable timer;
    /** Streams open now: the metric {@code inkstream.live.streams}, as they are not observed as requests. */
    private final AtomicInteger open = new AtomicInteger();
    private final QueryGateway queries;
    /**
     * Set when the application stops: every stream ends then, before the web server's graceful
     * shutdown waits for open requests (a stream never ends by itself, so it would wait out its
     * whole timeout). Browsers reconnect, to another instance.
     */
    private final Sinks.One<Boolean> stopping = Sinks.one();
    private volatile boolean running;

    private final Streams streams;
    private final Duration heartbeat;

    public Live(@Value("${inkstream.sse.heartbeat:10s}") Duration heartbeat, MeterRegistry meters,
            QueryGateway queries, Streams streams) {
        this.queries = queries;
        this.streams = streams;
        this.heartbeat = heartbeat;
        this.timer = Flux.interval(heartbeat, heartbeat).subscribe(tick -> heartbeats.tryEmitNext(HEARTBEAT));
        Gauge.builder("inkstream.live.streams", open, AtomicInteger::get)
                .description("server-sent-event streams open").register(meters);
    }

    int open() {
        return open.get();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopping.tryEmitValue(true);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the web server's graceful shutdown begins. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }

    @Override
    public void destroy() {
        timer.dispose();
    }

    /**
     * A subscription query, made when the stream is subscribed to. Straight on Axon's query
     * gateway: the reactive one wraps each in a dozen more operators and two 256-slot queues,
     * all kept for as long as the stream is open. Updates that come while the snapshot is read
     * wait in Axon's replay buffer of {@link #UPDATES_BUFFERED}: more than that many changes to
     * one page or thread within those milliseconds would lose the earliest. The buffer keeps the
     * last updates sent while the stream is open; they are the same messages for every stream.
     */
    public <Q, I, U> Mono<SubscriptionQueryResult<I, U>> subscribe(Q query, Class<I> initial, Class<U> update) {
        return Mono.fromSupplier(() -> queries.subscriptionQuery(QueryMessage.queryName(query), query,
                ResponseTypes.instanceOf(initial), ResponseTypes.instanceOf(update), UPDATES_BUFFERED));
    }

    /** The snapshot as the first event, then every update. */
    public <I, U> Flux<ServerSentEvent<Object>> stream(Mono<SubscriptionQueryResult<I, U>> subscription,
            Function<I, ServerSentEvent<Object>> snapshot, Function<U, ServerSentEvent<Object>> update) {
        return stream(subscription, snapshot, update, initial -> change -> false);
    }

    /**
     * The snapshot as the first event, then every update the snapshot does not already show:
     * an update can be announced after the subscription began but describe a change the
     * snapshot was read after, and a client must not see it twice. {@code shownBy} makes, from
     * the snapshot, a check that keeps only what it needs of it (a stream may stay open for
     * days). Updates come in the order of the changes, and the snapshot shows a prefix of them:
     * past the first update it does not show, it shows none, and the check is let go.
     */
    public <I, U> Flux<ServerSentEvent<Object>> stream(Mono<SubscriptionQueryResult<I, U>> subscription,
            Function<I, ServerSentEvent<Object>> snapshot, Function<U, ServerSentEvent<Object>> update,
            Function<I, Predicate<U>> shownBy) {
        return stream(subscription, Flux::just, snapshot, update, shownBy);
    }

    /**
     * The snapshot in parts, each an event of its own, then every update no part shows. The
     * initial result is the first part, and {@code parts} makes from it every part, the first
     * included, read as the client takes them: a long thread is never one event, nor held whole.
     */
    public <I, U> Flux<ServerSentEvent<Object>> stream(Mono<SubscriptionQueryResult<I, U>> subscription,
            Function<I, Flux<I>> parts, Function<I, ServerSentEvent<Object>> snapshot,
            Function<U, ServerSentEvent<Object>> update, Function<I, Predicate<U>> shownBy) {
        Flux<ServerSentEvent<Object>> events = subscription.flatMapMany(result -> result.initialResult()
                .flatMapMany(initial -> {
                    AtomicReference<Predicate<U>> shown = new AtomicReference<>(change -> false);
                    Flux<ServerSentEvent<Object>> snapshots = parts.apply(initial).map(part -> {
                        Predicate<U> before = shown.get();
                        Predicate<U> more = shownBy.apply(part);
                        shown.set(change -> before.test(change) || more.test(change));
                        return snapshot.apply(part);
                    });
                    return snapshots.concatWith(result.updates().filter(change -> {
                        Predicate<U> check = shown.get();
                        if (check == null || !check.test(change)) {
                            shown.set(null);
                            return true;
                        }
                        return false;
                    }).map(update));
                })
                .doFinally(signal -> close(result)));
        return withHeartbeat(events);
    }

    /** Updates only, after a comment that says the subscription is in place. */
    public <I, U> Flux<ServerSentEvent<Object>> updates(Mono<SubscriptionQueryResult<I, U>> subscription,
            Function<U, ServerSentEvent<Object>> update) {
        Flux<ServerSentEvent<Object>> events = subscription.flatMapMany(result -> result.initialResult()
                .then(Mono.just(ServerSentEvent.builder().comment("subscribed").build()))
                .concatWith(result.updates().map(update))
                .doFinally(signal -> close(result)));
        return withHeartbeat(events);
    }

    /**
     * Ends a subscription query where blocking is allowed. A stream is cancelled on the event
     * loop its client was served on, and closing completes Axon's update sink, which parks in a
     * loop while an update is being emitted to it on a processor's thread (seen by BlockHound).
     */
    static void close(SubscriptionQueryResult<?, ?> result) {
        try {
            Schedulers.boundedElastic().schedule(result::close);
        } catch (RejectedExecutionException stopped) {
            // The application is stopping and its schedulers with it: nothing else emits now.
            result.close();
        }
    }

    public static ServerSentEvent<Object> event(String name, Object data) {
        return ServerSentEvent.builder(data).event(name).build();
    }

    private Flux<ServerSentEvent<Object>> withHeartbeat(Flux<ServerSentEvent<Object>> events) {
        return events.mergeWith(heartbeats.asFlux())
                .takeUntilOther(stopping.asMono())
                .doOnSubscribe(s -> open.incrementAndGet())
                .doFinally(signal -> open.decrementAndGet());
    }

    /** True when this media type is the client's first choice of the forms a read answers in. */
    public static boolean asks(ServerWebExchange exchange, MediaType type) {
        return Accepts.prefers(exchange.getRequest(), type);
    }

    /**
     * The answer to a {@link #STREAM} request: its events, each flushed as it comes. A client that
     * reads nothing takes no heartbeat either: its stream goes idle and is closed.
     */
    public Mono<ServerResponse> ok(ServerRequest request, Flux<ServerSentEvent<Object>> events) {
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .body(BodyInserters.fromServerSentEvents(
                        streams.idle(events, heartbeat.multipliedBy(3), request.exchange())));
    }
}
