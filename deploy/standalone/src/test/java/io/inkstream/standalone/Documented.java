package io.inkstream.standalone;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * Whether an answer is one the OpenAPI document lists for its operation: its status and media
 * type (Atlassian's swagger-request-validator), and its body by the schema the document names
 * for them, as JSON Schema 2020-12 (OpenAPI 3.1's dialect, whose schemas that validator does
 * not check). An NDJSON body is checked a line at a time.
 */
final class Documented {

    /** Where the schemas resolve the document's own references. */
    private static final String BASE = "https://inkstream.test/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiInteractionValidator api;
    private final JsonNode doc;
    private final JsonSchemaFactory schemas;

    Documented(String document) throws Exception {
        this.api = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
        this.doc = JSON.readTree(document);
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, document))));
    }

    /** What the answer does otherwise than documented; empty if nothing. */
    List<String> differences(String method, String uri, int status, MediaType type, String body) throws Exception {
        String path = URI.create(uri).getPath();
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status);
        if (type != null) {
            answer.withContentType(type.toString());
        }
        if (body != null) {
            answer.withBody(body);
        }
        List<String> found = new ArrayList<>();
        api.validateResponse(path, Request.Method.valueOf(method), answer.build()).getMessages()
                .forEach(m -> found.add(m.getMessage()));
        JsonNode schema = schemaOf(method, path, status, type);
        // Feeds are XML: their media type is what the document can say of them.
        boolean json = type != null && (type.getSubtype().endsWith("json") || type.getSubtype().equals("x-ndjson"));
        if (found.isEmpty() && json && schema != null && body != null && !body.isBlank()) {
            var checked = schemas.getSchema(JSON.readTree(schema.toString().replace("\"#/components/",
                    "\"" + BASE + "#/components/")));
            List<String> parts = MediaType.APPLICATION_NDJSON.isCompatibleWith(type) ? body.lines().toList()
                    : List.of(body);
            for (String part : parts) {
                checked.validate(JSON.readTree(part)).forEach(m -> found.add(m.getMessage()));
            }
        }
        return found;
    }

    private JsonNode schemaOf(String method, String path, int status, MediaType type) {
        if (type == null) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode operation = entry.getValue().path(method.toLowerCase(Locale.ROOT));
            if (!operation.isMissingNode() && path.matches(entry.getKey().replaceAll("\\{[^/]+}", "[^/]+"))) {
                JsonNode schema = operation.path("responses").path(String.valueOf(status)).path("content")
                        .path(type.getType() + "/" + type.getSubtype()).path("schema");
                return schema.isMissingNode() ? null : schema;
            }
        }
        return null;
    }
}
