package io.inkstream.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The OpenAPI document of a split deployment. Each side's springdoc knows its own operations
 * only, and the router sends every GET here; so the query side run alone serves the document of
 * both at {@code /v3/api-docs} (its own moves to {@code /v3/api-docs/query-side}): the one the
 * standalone, which holds both sides, makes, kept as deploy/openapi.json and checked against it
 * in every build (ApiDocsIT). Read once at startup: a resource in a jar is read by blocking calls.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("inkstream.api-docs.merged")
class SplitApiDocs {

    static final String RESOURCE = "api-docs/openapi.json";

    @Bean
    RouterFunction<ServerResponse> mergedApiDocs() {
        byte[] document;
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the merged OpenAPI document is missing from this jar", e);
        }
        return RouterFunctions.route(RequestPredicates.GET("/v3/api-docs"),
                request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(document));
    }
}
