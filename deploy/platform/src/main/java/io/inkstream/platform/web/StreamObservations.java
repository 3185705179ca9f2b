package io.inkstream.platform.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Live streams (server-sent events) are not observed as requests: one lasts as long as a reader
 * watches, so its "duration" would only skew {@code http.server.requests}, and its observation
 * stayed on the heap for all that time, for each of thousands of readers. Open streams are
 * counted by the live feeds themselves.
 */
@Component
public class StreamObservations implements ObservationPredicate {

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext request && isStream(request.getCarrier()));
    }

    /** Whether the client asked for server-sent events (by name, not through a wildcard). */
    public static boolean isStream(ServerHttpRequest request) {
        return request != null && Accepts.prefers(request, MediaType.TEXT_EVENT_STREAM);
    }
}
