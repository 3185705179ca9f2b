package io.inkstream.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class StreamObservationsTest {

    private final StreamObservations observations = new StreamObservations();

    @Test
    void liveStreamsAreNotObservedAsRequests() {
        assertThat(observed(MockServerHttpRequest.get("/posts/p1/replies").accept(MediaType.TEXT_EVENT_STREAM).build()))
                .isFalse();
    }

    @Test
    void everyOtherRequestIsObserved() {
        assertThat(observed(MockServerHttpRequest.get("/posts/p1/replies").accept(MediaType.APPLICATION_JSON).build()))
                .isTrue();
        assertThat(observed(MockServerHttpRequest.get("/posts/p1/replies").accept(MediaType.ALL).build())).isTrue();
        assertThat(observations.test("axon.query", new Observation.Context())).isTrue();
    }

    private boolean observed(ServerHttpRequest request) {
        return observations.test("http.server.requests",
                new ServerRequestObservationContext(request, new MockServerHttpResponse(), Map.of()));
    }
}
