package io.inkstream.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class AcceptsTest {

    static boolean prefers(String accept, MediaType type) {
        return Accepts.prefers(MockServerHttpRequest.get("/posts/p").header("Accept", accept).build(), type);
    }

    @Test
    void aClientListingEveryFormGetsTheOneItListedFirst() {
        // As a client generated from the API document asks.
        assertThat(prefers("application/json, text/event-stream, application/problem+json", MediaType.TEXT_EVENT_STREAM))
                .isFalse();
        assertThat(prefers("application/json, text/event-stream, application/problem+json", MediaType.APPLICATION_JSON))
                .isTrue();
        assertThat(prefers("application/x-ndjson, application/json", MediaType.APPLICATION_NDJSON)).isTrue();
    }

    @Test
    void qualityComesBeforeOrder() {
        assertThat(prefers("text/event-stream;q=0.5, application/json", MediaType.APPLICATION_JSON)).isTrue();
        assertThat(prefers("application/json;q=0.1, text/event-stream", MediaType.TEXT_EVENT_STREAM)).isTrue();
    }

    @Test
    void aStreamIsAskedByNameAlone() {
        assertThat(prefers("text/event-stream", MediaType.TEXT_EVENT_STREAM)).isTrue();
        assertThat(prefers("text/html, */*;q=0.8", MediaType.TEXT_EVENT_STREAM)).isFalse();
        assertThat(prefers("text/*", MediaType.TEXT_EVENT_STREAM)).isFalse();
        assertThat(prefers("text/event-stream;;;==", MediaType.TEXT_EVENT_STREAM)).isFalse();
    }
}
