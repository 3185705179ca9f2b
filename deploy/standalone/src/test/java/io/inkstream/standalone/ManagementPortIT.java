package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The actuator on a port of its own (MANAGEMENT_PORT), as the manifests run it: Prometheus
 * scrapes there without credentials, while on the API's port the metrics stay ADMIN's; and the
 * dashboard's queries name metrics the service exports.
 */
// Tests run without metrics export and tracing unless they ask: this one is about both.
@AutoConfigureObservability
// A context of its own, closed after this class: kept for reuse beside the other tests' one, its
// processors (under the same node name, TestMongo) handled every event a second time, racing the
// other's dead letters and replays.
@DirtiesContext
@TestPropertySource(properties = {"management.server.port=0", "inkstream.access-log.enabled=true"})
class ManagementPortIT extends BackendTest {

    static final Path DASHBOARD = Path.of("../grafana/dashboards/inkstream.json");
    private static final Pattern METRIC = Pattern.compile("\\b(inkstream_[a-z_]+|http_server_requests_seconds_[a-z]+)\\b");

    @LocalManagementPort
    int managementPort;

    @Test
    void metricsAreScrapedOnTheManagementPortWithoutCredentialsAndOnlyThere() throws Exception {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        // A command and a read first, so that every series the dashboard asks for exists.
        String post = postWithAReply("Metered", "counted");

        String scrape = management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        // Nothing of the API there, and the API's port still asks ADMIN for the metrics.
        management.get().uri("/posts/{id}", post).exchange().expectStatus().isNotFound();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();

        JsonNode dashboard = read(Files.readString(DASHBOARD));
        Set<String> asked = new TreeSet<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> {
            Matcher m = METRIC.matcher(target.get("expr").asText());
            while (m.find()) {
                asked.add(m.group(1));
            }
        }));
        assertThat(asked).contains("inkstream_projection_lag", "inkstream_projection_dead_letters",
                "inkstream_projection_replay_progress", "inkstream_live_streams", "http_server_requests_seconds_bucket");
        for (String metric : asked) {
            assertThat(scrape).as("the dashboard's %s is exported", metric).contains(metric);
        }
    }
}
