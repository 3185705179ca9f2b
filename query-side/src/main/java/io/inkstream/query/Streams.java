package io.inkstream.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;
import reactor.core.publisher.Flux;

/**
 * Ends a stream whose client has stopped reading. A stream is produced only as fast as its
 * client reads (the server writes the next item once the connection can take it), so a client
 * that reads nothing stops it, and what it holds meanwhile is what is already in flight. Such
 * a stream sends nothing for {@code inkstream.stream.idle-timeout}; it is then ended with an
 * error, which closes the connection without the stream's last chunk, so the client cannot
 * take it for a complete answer.
 */
@Component
public class Streams {

    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

    private final Duration idle;
    /** Streams open now: the metric {@code inkstream.streams.open}. */
    private final AtomicInteger open = new AtomicInteger();

    @Autowired
    public Streams(@Value("${inkstream.stream.idle-timeout:30s}") Duration idle, MeterRegistry meters) {
        this.idle = idle;
        Gauge.builder("inkstream.streams.open", open, AtomicInteger::get)
                .description("NDJSON and server-sent-event streams open").register(meters);
    }

    public Streams(Duration idle) {
        this(idle, new SimpleMeterRegistry());
    }

    public int open() {
        return open.get();
    }

    /** The stream of this exchange, its connection closed once nothing could be sent for the idle timeout. */
    public <T> Flux<T> idle(Flux<T> items, ServerWebExchange exchange) {
        return idle(items, Duration.ZERO, exchange);
    }

    /** The same, for a stream that may rightly send nothing for {@code quiet} (between heartbeats). */
    public <T> Flux<T> idle(Flux<T> items, Duration quiet, ServerWebExchange exchange) {
        Duration limit = idle.compareTo(quiet) >= 0 ? idle : quiet;
        return items.timeout(limit, Flux.defer(() -> {
                    LOG.info("Closed a stream whose client read nothing for {}", limit);
                    close(exchange);
                    return Flux.<T>empty();
                }))
                .doOnSubscribe(s -> open.incrementAndGet())
                .doFinally(signal -> open.decrementAndGet());
    }

    /**
     * Closes the connection under the stream: the client never gets the stream's last chunk, so
     * it cannot take what it got for the whole answer. (Ended with an error instead, the stream
     * is logged with its stack trace twice, an open door to filling the log.)
     */
    private static void close(ServerWebExchange exchange) {
        Object connection = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        if (connection instanceof Connection netty) {
            netty.channel().close();
        }
    }
}
