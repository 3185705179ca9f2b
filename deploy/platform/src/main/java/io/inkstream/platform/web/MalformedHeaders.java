package io.inkstream.platform.web;

import java.util.ArrayList;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose {@code Accept} or {@code Content-Type} cannot be parsed, with 400,
 * before anything reads them: security's matchers and the content negotiation threw on them,
 * and every path answered 500. So is an {@code Accept} list longer than the content
 * negotiation will sort (it refuses one of more than 50 types, and answered 500 too).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public record MalformedHeaders(Problems problems) implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String header = "Accept";
        try {
            // Sorted as the content negotiation sorts it, which is where a list too long fails.
            MimeTypeUtils.sortBySpecificity(new ArrayList<>(exchange.getRequest().getHeaders().getAccept()));
            header = "Content-Type";
            exchange.getRequest().getHeaders().getContentType();
        } catch (InvalidMediaTypeException | InvalidMimeTypeException e) {
            return problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST, "malformed-header",
                    "Malformed header", "The " + header + " header is not a valid media type list."));
        }
        return chain.filter(exchange);
    }
}
