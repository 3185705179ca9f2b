package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.annotation.DirtiesContext;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Probes for orchestrators, metrics for Prometheus, and the OpenAPI document with Swagger UI.
 * Spring's tests turn metrics export off unless asked to keep it, as here.
 */
@AutoConfigureObservability
// A context of its own, closed after this class: kept for reuse beside the other tests' one, its
// processors (under the same node name, TestMongo) handled every event a second time, racing the
// other's dead letters and replays.
@DirtiesContext
class ObservabilityIT extends BackendTest {

    @Test
    void livenessAndReadinessProbesAreOpen() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusMetricsIncludeAxonsAndReadModelLagForAdminsOnly() {
        publish(registerAuthor(), unique("Measured"), List.of());
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        eventually().untilAsserted(() -> assertThat(http.get().uri("/actuator/prometheus").headers(admin()).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("commandBus_allTimer_seconds_count{payloadType=\"PublishPostCommand\"}")
                .contains("inkstream_projection_lag{projection=\"posts\"}")
                .contains("inkstream_projection_lag{projection=\"threads\"}"));
    }

    @Test
    void liveStreamsKeepTheSecurityHeadersAndAreCountedWhileOpen() {
        String post = publish(registerAuthor(), unique("Watched"), List.of());
        // A thread is found once its post is projected.
        awaitGet("/posts/{id}", p -> true, post);
        Flux<ServerSentEvent<String>> stream = http.get().uri("/posts/{id}/replies", post)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("default-src 'none'"))
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .returnResult(SSE).getResponseBody();
        Disposable open = stream.subscribe();
        try {
            eventually().untilAsserted(() -> assertThat(liveStreams()).isEqualTo(1));
        } finally {
            open.dispose();
        }
        eventually().untilAsserted(() -> assertThat(liveStreams()).isZero());
        // Streams of the admin API still need an admin.
        http.get().uri("/admin/projections/threads").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isUnauthorized();
    }

    private double liveStreams() {
        String metrics = http.get().uri("/actuator/prometheus").headers(admin()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher gauge = Pattern.compile("(?m)^inkstream_live_streams(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(gauge.find()).as("inkstream_live_streams in %s", metrics).isTrue();
        return Double.parseDouble(gauge.group(1));
    }

    @Test
    void openApiDocumentAndSwaggerUi() {
        String api = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(api).contains("\"/posts/{postId}/replies\"", "\"/authors\"", "\"/admin/events\"");
        JsonNode document = read(api);
        assertThat(document.get("openapi").asText()).startsWith("3.1");
        assertThat(document.at("/info/title").asText()).isEqualTo("Inkstream (inkstream)");
        assertThat(document.at("/info/version").asText()).isNotBlank().isNotEqualTo("v0");
        assertThat(document.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(document.at("/components/securitySchemes/bearer/bearerFormat").asText()).isEqualTo("JWT");
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("default-src 'self'")
                        .doesNotContain("unsafe-eval"));
    }
}
