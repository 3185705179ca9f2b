package io.inkstream.platform.web;

import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Takes {@code X-Correlation-Id} from the request, or makes one, and echoes it in the
 * response, so a client can find its request in the audit log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIds implements WebFilter {

    public static final String HEADER = "X-Correlation-Id";
    private static final String ATTRIBUTE = CorrelationIds.class.getName();
    // Anything else is replaced, so a client cannot write arbitrary text into the event log.
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    public CorrelationIds() {
        Uuids.random(); // seeds the generator at startup, not on the first request's event loop
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : Uuids.random();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange);
    }

    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : Uuids.random();
    }
}
