package io.inkstream.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over 1 MiB with 413 before reading them, when they declare their
 * length. A body without a length is cut off by the codecs' own limit
 * ({@code spring.codec.max-in-memory-size}), which {@link Problems} answers with 413 too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodyLimit implements WebFilter {

    public static final long MAX_BYTES = 1024 * 1024;

    private final Problems problems;

    public BodyLimit(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() > MAX_BYTES) {
            return problems.write(exchange, Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large",
                    "Payload too large", "The request body is larger than " + MAX_BYTES / 1024 + " KiB."));
        }
        return chain.filter(exchange);
    }
}
