package io.inkstream.platform.web;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Swagger UI is the one HTML the service serves, and needs its own scripts and styles: it gets
 * a policy that allows this origin's files and nothing else. Everything else keeps the
 * deny-all policy of the security configuration.
 */
@Component
public class SwaggerPolicy implements WebFilter {

    static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/swagger-ui") || path.startsWith("/webjars/swagger-ui")) {
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set("Content-Security-Policy", POLICY);
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
