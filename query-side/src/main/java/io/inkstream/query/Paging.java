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
        String page = next == null ? null : nextPage(exchange.getRequest().getURI(), next);
        if (page != null) {
            answer.header(HttpHeaders.LINK, "<" + page + ">; rel=\"next\"");
        }
        return answer;
    }

    /**
     * This request's path and query with {@code cursor} set to {@code next}, each part decoded
     * and encoded again, so that whatever a client sent comes back well-formed; null where the
     * request's own query cannot be decoded (then there is no link: the body still has the cursor).
     */
    static String nextPage(URI request, String next) {
        try {
            UriComponents given = UriComponentsBuilder.fromUri(request).build();
            StringBuilder page = new StringBuilder(UriUtils.encodePath(decode(given.getPath()), StandardCharsets.UTF_8));
            char separator = '?';
            for (var param : given.getQueryParams().entrySet()) {
                String name = decode(param.getKey());
                if (name.equals("cursor")) {
                    continue;
                }
                for (String value : param.getValue()) {
                    page.append(separator).append(strictly(name));
                    if (value != null) {
                        page.append('=').append(strictly(decode(value)));
                    }
                    separator = '&';
                }
            }
            return page.append(separator).append("cursor=").append(strictly(next)).toString();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** Every character with a meaning anywhere in a URI encoded: a {@code +} is not read as a space. */
    private static String strictly(String part) {
        return UriUtils.encode(part, StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        return part == null ? "" : UriUtils.decode(part, StandardCharsets.UTF_8);
    }
}
