package io.inkstream.platform.web;

import java.util.Comparator;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** What a request's Accept header asks for. */
public final class Accepts {

    /** The forms a read answers in: a document, a stream of lines, a live stream of events. */
    private static final List<MediaType> READS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_NDJSON,
            MediaType.TEXT_EVENT_STREAM);

    private Accepts() {
    }

    /**
     * True when {@code type} is the client's first choice among the forms a read answers in,
     * named itself (not through a wildcard): by quality, then by the order the client listed
     * them. A client generated from the API document names every form an operation has
     * ("application/json, text/event-stream"): it gets the document, not a stream that never
     * ends. False for an Accept header that cannot be parsed, which {@link MalformedHeaders} then
     * refuses (this is asked before any filter runs, to decide whether a request is observed).
     */
    public static boolean prefers(ServerHttpRequest request, MediaType type) {
        List<MediaType> accepted;
        try {
            accepted = request.getHeaders().getAccept();
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
        return accepted.stream()
                .filter(asked -> READS.stream().anyMatch(asked::equalsTypeAndSubtype))
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .findFirst()
                .map(type::equalsTypeAndSubtype)
                .orElse(false);
    }
}
