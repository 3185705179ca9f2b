package io.inkstream.platform.security;

import io.inkstream.platform.web.ContentTags;
import java.time.Duration;
import java.util.List;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * What a read's answer tells caches. A public read ({@link SecurityConfig#PUBLIC_READS}: no
 * credentials, not a private path) answered 200 or 304 may be kept by any cache for
 * {@code inkstream.http.max-age} (10 s), varying with {@code Accept} (JSON, NDJSON and events
 * share paths) and {@code Authorization} (a moderator's thread holds more); an answer a caller's
 * credentials chose is {@code private, no-store}; streams and errors are never kept. A JSON
 * answer gets a strong {@code ETag}, a hash of its bytes, unless its handler gave one, and a
 * request whose {@code If-None-Match} names it gets 304 without the body. Ordered before the
 * security chain, whose default {@code no-store} stays for everything this does not mark.
 */
@Component
@Order(-200)
public class HttpCaching implements WebFilter {

    /** Set by a handler whose answer must not be kept by shared caches, though it is public. */
    public static final String NOT_SHARED = HttpCaching.class.getName() + ".notShared";

    private final String shared;

    public HttpCaching(@Value("${inkstream.http.max-age:10s}") Duration maxAge) {
        this.shared = "public, max-age=" + maxAge.toSeconds();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return chain.filter(exchange);
        }
        return SecurityConfig.PUBLIC_READS.matches(exchange).flatMap(read -> {
            boolean publicRead = read.isMatch();
            ServerHttpResponse response = exchange.getResponse();
            response.beforeCommit(() -> {
                mark(exchange, publicRead);
                return Mono.empty();
            });
            return chain.filter(exchange.mutate().response(new Conditional(exchange)).build());
        });
    }

    private void mark(ServerWebExchange exchange, boolean publicRead) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        if (headers.getCacheControl() != null) {
            return;
        }
        HttpStatus status = response.getStatusCode() == null ? HttpStatus.OK : HttpStatus.resolve(response.getStatusCode().value());
        boolean kept = status == HttpStatus.OK || status == HttpStatus.NOT_MODIFIED;
        if (!kept || stream(headers.getContentType())) {
            headers.setCacheControl("no-store");
        } else if (publicRead && exchange.getAttribute(NOT_SHARED) == null) {
            headers.setCacheControl(shared);
            List<String> vary = headers.getVary();
            for (String name : List.of(HttpHeaders.ACCEPT, HttpHeaders.AUTHORIZATION)) {
                if (!vary.contains(name)) {
                    headers.add(HttpHeaders.VARY, name);
                }
            }
        } else {
            headers.setCacheControl("private, no-store");
        }
    }

    private static boolean stream(MediaType type) {
        return type != null && (type.isCompatibleWith(MediaType.APPLICATION_NDJSON)
                || type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM));
    }

    /** Tags a JSON answer written whole, and answers 304 where the client holds it. */
    private static final class Conditional extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;

        Conditional(ServerWebExchange exchange) {
            super(exchange.getResponse());
            this.exchange = exchange;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            MediaType type = getHeaders().getContentType();
            boolean json = type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON);
            // Only a body written as one buffer (a value, not a stream) is tagged: nothing is held to tag it.
            if (!json || !(body instanceof Mono) || getStatusCode() != null && getStatusCode().value() != 200) {
                return super.writeWith(body);
            }
            return Mono.from(body).flatMap(buffer -> {
                String tag = getHeaders().getETag();
                if (tag == null) {
                    try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
                        tag = ContentTags.of(chunks);
                    }
                    getHeaders().setETag(tag);
                }
                if (held(exchange.getRequest().getHeaders(), tag)) {
                    DataBufferUtils.release(buffer);
                    setStatusCode(HttpStatus.NOT_MODIFIED);
                    getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
                    getHeaders().remove(HttpHeaders.CONTENT_TYPE);
                    return setComplete();
                }
                return super.writeWith(Mono.just(buffer));
            });
        }
    }

    /**
     * Whether the request's {@code If-None-Match} names the tag, weakly compared as RFC 9110
     * says. Read as text, not parsed: a malformed header (a lone quote) names nothing, and must
     * not fail the request.
     */
    private static boolean held(HttpHeaders request, String tag) {
        String opaque = tag.startsWith("W/") ? tag.substring(2) : tag;
        for (String header : request.getOrEmpty(HttpHeaders.IF_NONE_MATCH)) {
            for (String given : header.split(",")) {
                String g = given.strip();
                if (g.equals("*") || (g.startsWith("W/") ? g.substring(2) : g).equals(opaque)) {
                    return true;
                }
            }
        }
        return false;
    }
}
