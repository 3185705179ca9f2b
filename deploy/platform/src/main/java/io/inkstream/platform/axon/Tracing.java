package io.inkstream.platform.axon;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's spans on the OpenTelemetry that Spring Boot made for Micrometer Tracing, so that a
 * command's span is a child of its HTTP request's, and the trace context it carries in the
 * message's metadata ({@code traceparent}) makes its events' handlers, in every process, part of
 * the same trace. (Axon's own wiring takes the global OpenTelemetry, which Boot does not set.)
 */
@Configuration(proxyBeanMethods = false)
public class Tracing {

    @Bean
    SpanFactory spanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer("inkstream"))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }
}
