package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document: every operation says what it answers, and the merged document that a
 * split deployment serves (deploy/openapi.json, from its query side) is the one the standalone,
 * which holds both sides, makes. {@code -Dinkstream.golden.record=true} writes it anew.
 */
class ApiDocsIT extends BackendTest {

    /** The document of both sides, kept beside the deployment that serves it. */
    static final Path MERGED = Path.of("../openapi.json");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    JsonNode served() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        // Where it is served from: the test's port here, the deployment's address there.
        doc.remove("servers");
        return doc;
    }

    @Test
    void everyOperationSaysWhatItAnswers() throws Exception {
        List<String> vague = new ArrayList<>();
        served().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode responses = op.getValue().path("responses");
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            // springdoc's own guess, from a signature: one 200 of any media type.
            if (responses.path("200").path("content").has("*/*") || !responses.fieldNames().hasNext()) {
                vague.add(name);
            }
            // Every operation can be refused, with a problem.
            boolean problems = false;
            for (var answer = responses.fields(); answer.hasNext(); ) {
                var entry = answer.next();
                problems |= entry.getKey().startsWith("4") && entry.getValue().path("content").has("application/problem+json");
            }
            if (!problems && !path.getKey().startsWith("/actuator")) {
                vague.add(name + " (no refusal)");
            }
        }));
        assertThat(vague).isEmpty();
    }

    @Test
    void theSplitDeploymentServesTheSameDocument() throws Exception {
        JsonNode now = served();
        if (Boolean.getBoolean("inkstream.golden.record")) {
            Files.writeString(MERGED, JSON.writeValueAsString(now) + "\n");
        }
        assertThat(MERGED).as("the merged document; write it with -Dinkstream.golden.record=true").exists();
        assertThat(now).as("deploy/openapi.json is this build's document; write it with -Dinkstream.golden.record=true")
                .isEqualTo(JSON.readTree(MERGED.toFile()));
    }
}
