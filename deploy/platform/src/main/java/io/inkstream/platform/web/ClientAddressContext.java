package io.inkstream.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the client's address into the request's Reactor context, before security runs: the
 * login check is handed only the credentials, and counts failures per address.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public record ClientAddressContext(ClientAddress clients) implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String address = clients.of(exchange);
        return chain.filter(exchange).contextWrite(context -> context.put(ClientAddress.CONTEXT_KEY, address));
    }
}
