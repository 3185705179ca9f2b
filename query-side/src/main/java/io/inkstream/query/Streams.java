package io.inkstream.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.Connection;

/**
 * Ends a stream whose client has stopped reading. A stream is produced only as fast as its
 * client reads (the server asks for the next item once the connection can take it), so a
 * client that reads nothing stops it, and what it holds meanwhile is what is already in
 * flight. A stream that has passed on nothing for {@code inkstream.stream.idle-timeout} has its
 * connection closed, without the stream's last chunk, so the client cannot take what it got for
 * a complete answer.
 *
 * <p>One sweep, a few times per timeout, looks at every open stream; a timer per stream, reset
 * on every item ({@code Flux.timeout}), cost a scheduled task per item sent.
 */
@Component
public class Streams implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

    private final Duration idle;
    /** Streams open now, with when each last passed an item on: the metric {@code inkstream.streams.open}. */
    private final Set<Watched> open = ConcurrentHashMap.newKeySet();
    private final Disposable sweeper;

    @Autowired
    public Streams(@Value("${inkstream.stream.idle-timeout:30s}") Duration idle, MeterRegistry meters) {
        this.idle = idle;
        Gauge.builder("inkstream.streams.open", open, Set::size)
                .description("NDJSON and server-sent-event streams open").register(meters);
        Duration every = idle.dividedBy(4).compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : idle.dividedBy(4);
        this.sweeper = Flux.interval(every, every).subscribe(tick -> sweep());
    }

    public Streams(Duration idle) {
        this(idle, new SimpleMeterRegistry());
    }

    public int open() {
        return open.size();
    }

    @Override
    public void destroy() {
        sweeper.dispose();
    }

    /** One open stream: its exchange, how long it may pass nothing on, and when it last did. */
    private static final class Watched {
        final ServerWebExchange exchange;
        final long limitNanos;
        volatile long lastNanos = System.nanoTime();

        Watched(ServerWebExchange exchange, Duration limit) {
            this.exchange = exchange;
            this.limitNanos = limit.toNanos();
        }
    }

    /** The stream of this exchange, its connection closed once it could pass nothing on for the idle timeout. */
    public <T> Flux<T> idle(Flux<T> items, ServerWebExchange exchange) {
        return idle(items, Duration.ZERO, exchange);
    }

    /** The same, for a stream that may rightly send nothing for {@code quiet} (between heartbeats). */
    public <T> Flux<T> idle(Flux<T> items, Duration quiet, ServerWebExchange exchange) {
        Watched watched = new Watched(exchange, idle.compareTo(quiet) >= 0 ? idle : quiet);
        return items.doOnNext(item -> watched.lastNanos = System.nanoTime())
                .doOnSubscribe(s -> {
                    watched.lastNanos = System.nanoTime();
                    open.add(watched);
                })
                .doFinally(signal -> open.remove(watched));
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched watched : open) {
            if (now - watched.lastNanos > watched.limitNanos && open.remove(watched)) {
                LOG.info("Closed the stream of {} {}: its client read nothing for {}",
                        watched.exchange.getRequest().getMethod(), watched.exchange.getRequest().getPath(),
                        Duration.ofNanos(watched.limitNanos));
                close(watched.exchange);
            }
        }
    }

    /**
     * Closes the connection under the stream; the stream is then cancelled. (Ended with an error
     * instead, the stream was logged with its stack trace twice: an open door to filling the log.)
     */
    private static void close(ServerWebExchange exchange) {
        Object connection = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        if (connection instanceof Connection netty) {
            netty.channel().close();
        }
    }
}
