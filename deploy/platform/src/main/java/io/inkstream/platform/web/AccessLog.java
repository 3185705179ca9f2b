package io.inkstream.platform.web;

import io.inkstream.platform.axon.Metadata;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Names each request's trace: {@code traceparent} (W3C) on every answer, for the trace a client
 * began with its own {@code traceparent} or the one begun here; and, with
 * {@code inkstream.access-log.enabled}, one line per request once answered (method, path,
 * status, milliseconds) carrying its trace and correlation ids, as JSON when logs are structured.
 * Off by default: a proxy in front usually keeps one, and a line per read costs the busiest path.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AccessLog implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("inkstream.access");
    /** Where Micrometer Tracing keeps the trace id in the logging context. */
    private static final String TRACE_ID = "traceId";

    private final boolean enabled;

    public AccessLog(@Value("${inkstream.access-log.enabled:false}") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        exchange.getResponse().beforeCommit(() -> {
            trace(exchange).ifPresent(trace -> exchange.getResponse().getHeaders()
                    .set("traceparent", "00-" + trace.traceId() + "-" + trace.spanId() + "-01"));
            return Mono.empty();
        });
        if (!enabled) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).doFinally(signal -> {
            var response = exchange.getResponse();
            String traceId = trace(exchange).map(TraceContext::traceId).orElse("");
            // In the logging context, as every other line has them, so that a structured format writes them once.
            String traceBefore = MDC.get(TRACE_ID);
            String correlationBefore = MDC.get(Metadata.CORRELATION_ID);
            MDC.put(TRACE_ID, traceId);
            MDC.put(Metadata.CORRELATION_ID, CorrelationIds.of(exchange));
            try {
                log.info("{} {} {} {} ms", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        response.getStatusCode() == null ? 0 : response.getStatusCode().value(),
                        (System.nanoTime() - start) / 1_000_000);
            } finally {
                restore(TRACE_ID, traceBefore);
                restore(Metadata.CORRELATION_ID, correlationBefore);
            }
        });
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** The trace of the request's own observation, begun by Spring before any filter. */
    static Optional<TraceContext> trace(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> (TracingObservationHandler.TracingContext) context.get(TracingObservationHandler.TracingContext.class))
                .map(tracing -> tracing.getSpan())
                .map(span -> span.context());
    }
}
