package io.inkstream.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.inkstream.api.Refusal;
import io.inkstream.eventstore.StaleRead;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error any endpoint raises becomes an RFC 9457 {@code application/problem+json} body.
 * Details are written for the client: no stack trace, class name or driver message leaves.
 * Ordered before Boot's own error handler, which would answer in another shape.
 */
@Component
@Order(-2)
public class Problems implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return write(exchange, toProblem(error, exchange));
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(PROBLEM_JSON);
        response.getHeaders().remove(HttpHeaders.ETAG);
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (Exception e) {
            return Mono.error(e);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:inkstream:problem:" + code));
        problem.setTitle(title);
        return problem;
    }

    ProblemDetail toProblem(Throwable error, ServerWebExchange exchange) {
        if (error instanceof Refusal refusal) {
            ProblemDetail problem = problem(statusOf(refusal), refusal.rule(), titleOf(refusal.rule()),
                    refusal.getMessage());
            if (refusal instanceof Refusal.Invalid invalid && !invalid.errors().isEmpty()) {
                problem.setProperty("errors", invalid.errors());
            }
            return problem;
        }
        if (error instanceof RequestRefused refused) {
            if (refused.retryAfterSeconds() > 0) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(refused.retryAfterSeconds()));
            }
            return problem(refused.status(), refused.rule(), titleOf(refused.rule()), refused.getMessage());
        }
        if (causedBy(error, DataBufferLimitException.class)) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Payload too large",
                    "The request body is larger than " + BodyLimit.MAX_BYTES / 1024 + " KiB.");
        }
        if (error instanceof AggregateNotFoundException) {
            return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such resource.");
        }
        // A stream created by another writer first is the same race on an aggregate's first event.
        if (error instanceof ConcurrencyException || error instanceof AggregateStreamCreationException
                || error instanceof StaleRead) {
            log.info("Concurrent change on {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    error.getMessage(), error.getCause());
            return problem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                    "Someone else changed this resource at the same moment; read it again and retry.");
        }
        if (causedBy(error, MongoTimeoutException.class) || causedBy(error, MongoSocketException.class)) {
            log.warn("MongoDB unreachable while serving {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Service unavailable",
                    "The store is not reachable right now; retry later.");
        }
        if (error instanceof ServerWebInputException input && input.getCause() instanceof TypeMismatchException
                && parameter(input) != null) {
            // A query parameter, path variable or header of the wrong form: named as a body's field is.
            return toProblem(Refusal.Invalid.field(parameter(input), "has the wrong type or format"), exchange);
        }
        if (error instanceof ServerWebInputException input) {
            return inputProblem(input);
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            HttpStatus known = HttpStatus.resolve(code.value());
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail = code.value() == 404 ? "No such resource." : title + ".";
            ProblemDetail problem = problem(code, title.toLowerCase().replace(' ', '-'), title, detail);
            if (code.value() == 405 && status.getHeaders().getAllow() != null) {
                exchange.getResponse().getHeaders().setAllow(status.getHeaders().getAllow());
            }
            return problem;
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Something went wrong on our side; the request may be retried.");
    }

    /** The one place where the domain's refusals meet HTTP status codes. */
    private static final Map<Class<?>, HttpStatus> STATUSES = Map.of(
            Refusal.Invalid.class, HttpStatus.BAD_REQUEST,
            Refusal.Forbidden.class, HttpStatus.FORBIDDEN,
            Refusal.NotFound.class, HttpStatus.NOT_FOUND,
            Refusal.Conflict.class, HttpStatus.CONFLICT,
            Refusal.Gone.class, HttpStatus.GONE,
            Refusal.Stale.class, HttpStatus.PRECONDITION_FAILED);

    /** The status of the refusal's kind: the nearest of its classes that has one. */
    static HttpStatus statusOf(Refusal refusal) {
        for (Class<?> kind = refusal.getClass(); kind != Refusal.class; kind = kind.getSuperclass()) {
            HttpStatus status = STATUSES.get(kind);
            if (status != null) {
                return status;
            }
        }
        throw new IllegalArgumentException("A refusal of no known kind: " + refusal.getClass().getName());
    }

    /** Whether {@code error} or one of its causes is a {@code type}. */
    public static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The name the client gave the parameter a request could not convert, if it was one. */
    private static String parameter(ServerWebInputException input) {
        MethodParameter parameter = input.getMethodParameter();
        if (parameter == null) {
            return null;
        }
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        String named = query != null ? query.name() : header != null ? header.name() : path != null ? path.name() : null;
        return named != null && !named.isEmpty() ? named : parameter.getParameterName();
    }

    /** Unreadable bodies: name the offending field where Jackson knows it, never the Java type. */
    private ProblemDetail inputProblem(ServerWebInputException input) {
        Throwable cause = input.getCause();
        while (cause != null && !(cause instanceof JsonMappingException) && cause.getCause() != cause) {
            if (cause instanceof DecodingException && cause.getCause() == null) {
                break;
            }
            cause = cause.getCause();
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unreadable-request", "Bad request",
                "The request could not be read; send a JSON object with the fields the API describes.");
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "has the wrong type or format")));
        }
        return problem;
    }

    private static String titleOf(String code) {
        String words = code.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
