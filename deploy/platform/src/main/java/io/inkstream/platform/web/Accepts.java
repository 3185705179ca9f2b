package io.inkstream.platform.web;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** What a request's Accept header asks for. */
public final class Accepts {

    private Accepts() {
    }

    /** True when the client named this media type itself, not through a wildcard. */
    public static boolean named(ServerHttpRequest request, MediaType type) {
        return request.getHeaders().getAccept().stream().anyMatch(type::equalsTypeAndSubtype);
    }
}
