package io.inkstream.standalone;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Remembers the thread each request reached the handlers on, after every other filter (security included). */
@TestComponent
@Order(Ordered.LOWEST_PRECEDENCE)
class RequestThreads implements WebFilter {

    final Map<String, String> seen = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = exchange.getRequest().getHeaders().getFirst("X-Correlation-Id");
        if (id != null) {
            seen.put(id, Thread.currentThread().getName());
        }
        return chain.filter(exchange);
    }
}
