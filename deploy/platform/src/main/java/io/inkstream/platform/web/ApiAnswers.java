package io.inkstream.platform.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;

/**
 * What each operation answers, as API.md has it: its success with the body's type, the streams
 * the same path serves by {@code Accept}, and its refusals, each an RFC 9457 problem. springdoc
 * reads the controllers' signatures, which say 200 {@code *}/{@code *} for all of them and
 * {@code object} where one path answers JSON, NDJSON or server-sent events; each side lists its
 * operations here, beside nothing else, and an operation the side does not serve is passed over.
 */
public final class ApiAnswers implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    static final String NDJSON = org.springframework.http.MediaType.APPLICATION_NDJSON_VALUE;
    static final String EVENTS = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE;
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final List<Answer> answers = new ArrayList<>();

    private ApiAnswers() {
    }

    /** The table a side fills. */
    public static ApiAnswers of(Consumer<ApiAnswers> table) {
        ApiAnswers answers = new ApiAnswers();
        table.accept(answers);
        return answers;
    }

    /** An operation's answers, from its success on. */
    public Answer on(String method, String path) {
        Answer answer = new Answer(PathItem.HttpMethod.valueOf(method), path);
        answers.add(answer);
        return answer;
    }

    public static final class Answer {
        private final PathItem.HttpMethod method;
        private final String path;
        private int status = 200;
        private Object body;
        private String media = JSON;
        private Object items;
        private String events;
        private boolean tagged;
        private boolean paged;
        private String location;
        private final Map<Integer, Object> others = new LinkedHashMap<>();
        private final List<Integer> refusals = new ArrayList<>();

        Answer(PathItem.HttpMethod method, String path) {
            this.method = method;
            this.path = path;
        }

        /** Its success: the status, and the body's type ({@code null}: none; a class, or a list of one). */
        public Answer answers(int status, Object body) {
            this.status = status;
            this.body = body;
            return this;
        }

        /** Another success, with its body's type. */
        public Answer alsoAnswers(int status, Object body) {
            others.put(status, body);
            return this;
        }

        /** The body's media type when not JSON (feeds). */
        public Answer as(String media) {
            this.media = media;
            return this;
        }

        /** Every item as a line of NDJSON, when {@code Accept} asks. */
        public Answer ndjson(Class<?> item) {
            this.items = item;
            return this;
        }

        /** Server-sent events when {@code Accept} asks: the events' names. */
        public Answer events(String names) {
            this.events = names;
            return this;
        }

        /** Carries an {@code ETag}, and answers 304 to a matching {@code If-None-Match}. */
        public Answer tagged() {
            this.tagged = true;
            return this;
        }

        /** Carries {@code Link: <...>; rel="next"} while a next page follows. */
        public Answer paged() {
            this.paged = true;
            return this;
        }

        /** Carries {@code Location}: what it made. */
        public Answer located(String what) {
            this.location = what;
            return this;
        }

        public Answer refuses(int... statuses) {
            for (int s : statuses) {
                refusals.add(s);
            }
            return this;
        }
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSchemas(PROBLEM, problem());
        for (Answer answer : answers) {
            PathItem item = api.getPaths() == null ? null : api.getPaths().get(answer.path);
            Operation operation = item == null ? null : item.readOperationsMap().get(answer.method);
            if (operation != null) {
                operation.setResponses(responses(answer, components));
            }
        }
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(schema -> nullable(schema, components.getSchemas()));
        }
    }

    /**
     * An answer's field that has no value is sent as {@code null} (a post without a canonical
     * URL, the last page's {@code nextCursor}): every property not required says so, as JSON
     * Schema 2020-12 (OpenAPI 3.1) writes it.
     */
    private static void nullable(Schema<?> schema, Map<String, Schema> schemas) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().replaceAll((name, property) -> {
            if (required.contains(name)) {
                return property;
            }
            if (property.get$ref() != null) {
                // Any JSON at all (a payload as it was stored) already takes null.
                Schema<?> target = schemas.get(property.get$ref().substring(property.get$ref().lastIndexOf('/') + 1));
                return target != null && isAny(target) ? property
                        : new Schema<>().anyOf(List.of(property, new Schema<>().types(Set.of("null"))));
            }
            if (property.getTypes() != null && !property.getTypes().isEmpty()) {
                property.addType("null");
            }
            return property;
        });
    }

    private static ApiResponses responses(Answer answer, Components components) {
        ApiResponses responses = new ApiResponses();
        StringBuilder said = new StringBuilder(HttpStatus.valueOf(answer.status).getReasonPhrase());
        Content content = new Content();
        if (answer.body != null) {
            content.addMediaType(answer.media, new MediaType().schema(schema(answer.body, components)));
        }
        if (answer.items != null) {
            content.addMediaType(NDJSON, new MediaType().schema(schema(answer.items, components)));
            said.append("; as ").append(NDJSON).append(": every item there is, one a line, sent as the client reads");
        }
        if (answer.events != null) {
            content.addMediaType(EVENTS, new MediaType().schema(new StringSchema()));
            said.append("; as ").append(EVENTS).append(": ").append(answer.events)
                    .append(", and a heartbeat comment at least every 15 s");
        }
        ApiResponse success = new ApiResponse().description(said.toString());
        if (!content.isEmpty()) {
            success.content(content);
        }
        Map<String, Header> headers = new LinkedHashMap<>();
        if (answer.tagged) {
            headers.put("ETag", new Header().schema(new StringSchema()).description("the answer's version or digest"));
        }
        if (answer.paged) {
            headers.put("Link", new Header().schema(new StringSchema()).description("rel=\"next\": the next page"));
        }
        if (answer.location != null) {
            headers.put("Location", new Header().schema(new StringSchema()).description(answer.location));
        }
        if (!headers.isEmpty()) {
            success.headers(headers);
        }
        responses.addApiResponse(String.valueOf(answer.status), success);
        answer.others.forEach((status, body) -> responses.addApiResponse(String.valueOf(status), new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase())
                .content(new Content().addMediaType(JSON, new MediaType().schema(schema(body, components))))));
        if (answer.tagged) {
            responses.addApiResponse("304", new ApiResponse().description("Not Modified: the client's copy is current"));
        }
        for (int refusal : answer.refusals) {
            responses.addApiResponse(String.valueOf(refusal), new ApiResponse()
                    .description(HttpStatus.valueOf(refusal).getReasonPhrase())
                    .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
        return responses;
    }

    /** A class's schema, registered with the ones it names; a one-element list is an array of it. */
    private static Schema<?> schema(Object body, Components components) {
        if (body instanceof List<?> list) {
            return new ArraySchema().items(schema(list.get(0), components));
        }
        ResolvedSchema resolved = ModelConverters.getInstance(true)
                .resolveAsResolvedSchema(new AnnotatedType((Class<?>) body).resolveAsRef(true));
        if (resolved.referencedSchemas != null) {
            resolved.referencedSchemas.forEach(components::addSchemas);
        }
        return resolved.schema;
    }

    private static boolean isAny(Schema<?> schema) {
        return schema.getType() == null && (schema.getTypes() == null || schema.getTypes().isEmpty())
                && schema.getProperties() == null && schema.get$ref() == null && schema.getAnyOf() == null
                && schema.getOneOf() == null && schema.getAllOf() == null;
    }

    /** RFC 9457, as Problems writes it. */
    private static Schema<?> problem() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema());
        error.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.addProperty("type", new StringSchema().format("uri").description("urn:inkstream:problem:<rule>"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(error).description("for invalid fields, every one"));
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }
}
