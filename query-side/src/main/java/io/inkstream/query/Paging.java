package io.inkstream.query;

import io.inkstream.api.Refusal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** The {@code limit} of a paged list: the default when not given, 400 outside 1 to the maximum; and its next page's link. */
public final class Paging {

    private Paging() {
    }

    public static int limit(Integer limit, int byDefault, int max) {
        int size = limit == null ? byDefault : limit;
        if (size < 1 || size > max) {
            throw Refusal.Invalid.field("limit", "must be from 1 to " + max);
        }
        return size;
    }

    /**
     * Adds an RFC 8288 {@code Link} to the next page, if there is one: this request's path and
     * query with {@code cursor} set to {@code next}, so a client follows it without building URLs.
     */
    public static <B extends ResponseEntity.HeadersBuilder<B>> B linked(B answer, ServerWebExchange exchange, String next) {
        if (next != null) {
            answer.header(HttpHeaders.LINK, "<" + nextPage(exchange.getRequest().getURI(), next) + ">; rel=\"next\"");
        }
        return answer;
    }

    static String nextPage(URI request, String next) {
        UriComponents page = UriComponentsBuilder.fromUri(request)
                .replaceQueryParam("cursor", UriUtils.encodeQueryParam(next, StandardCharsets.UTF_8)).build(true);
        return page.getQuery() == null ? page.getPath() : page.getPath() + "?" + page.getQuery();
    }
}
