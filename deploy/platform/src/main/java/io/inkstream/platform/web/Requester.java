package io.inkstream.platform.web;

import io.inkstream.api.Actor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Who sent this request, and under which correlation id. */
public record Requester(Actor actor, String correlationId) {

    public static final String ADMIN_ROLE = "ROLE_ADMIN";

    public static Mono<Requester> of(ServerWebExchange exchange) {
        String correlationId = CorrelationIds.of(exchange);
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(auth -> auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken))
                .map(Requester::actorOf)
                .defaultIfEmpty(Actor.ANONYMOUS)
                .map(actor -> new Requester(actor, correlationId));
    }

    private static Actor actorOf(Authentication auth) {
        boolean admin = auth.getAuthorities().stream().anyMatch(a -> ADMIN_ROLE.equals(a.getAuthority()));
        return new Actor(auth.getName(), admin);
    }
}
