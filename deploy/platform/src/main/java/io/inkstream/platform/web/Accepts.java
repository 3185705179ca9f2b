package io.inkstream.platform.web;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** What a request's Accept header asks for. */
public final class Accepts {

    private Accepts() {
    }

    /**
     * True when the client named this media type itself, not through a wildcard; false for an
     * Accept header that cannot be parsed, which {@link MalformedHeaders} then refuses (this is
     * asked before any filter runs, to decide whether a request is observed).
     */
    public static boolean named(ServerHttpRequest request, MediaType type) {
        try {
            return request.getHeaders().getAccept().stream().anyMatch(type::equalsTypeAndSubtype);
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
