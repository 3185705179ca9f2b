package io.inkstream.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkstream.api.Refusal;
import io.inkstream.eventstore.StaleRead;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ProblemsTest {

    final Problems problems = new Problems(new ObjectMapper());

    ProblemDetail of(Throwable error) {
        return problems.toProblem(error, MockServerWebExchange.from(MockServerHttpRequest.post("/posts/p/replies")));
    }

    @Test
    void twoWritersOnOneStreamAnswerConflictWhetherItIsNewOrNot() {
        for (Throwable race : new Throwable[] {new ConcurrencyException("taken"),
                new AggregateStreamCreationException("created by another writer first"),
                new StaleRead("Changes came faster than the command could be stored")}) {
            ProblemDetail problem = of(race);
            assertThat(problem.getStatus()).isEqualTo(409);
            assertThat(problem.getType().toString()).endsWith("concurrent-change");
            assertThat(problem.getDetail()).doesNotContain("another writer first").doesNotContain("faster");
        }
    }

    @Test
    void eachKindOfRefusalHasItsStatusAndNamesItsRule() {
        Map<Refusal, Integer> statuses = Map.of(
                Refusal.Invalid.field("body", "is required"), 400,
                new Refusal.Forbidden("not-the-owner", "Only its author may."), 403,
                new Refusal.NotFound("post-not-found", "post", "p", "No post 'p'."), 404,
                new Refusal.Conflict("replies-closed", "The post 'p' takes no more replies."), 409,
                new Refusal.Gone("reply-removed", "reply", "r", "The reply 'r' was removed."), 410,
                new Refusal.Stale("post", 3, 4), 412);
        statuses.forEach((refusal, status) -> {
            ProblemDetail problem = of(refusal);
            assertThat(problem.getStatus()).as(refusal.rule()).isEqualTo(status);
            assertThat(problem.getType().toString()).isEqualTo("urn:inkstream:problem:" + refusal.rule());
            assertThat(problem.getDetail()).isEqualTo(refusal.getMessage());
        });
        assertThat(of(Refusal.Invalid.field("body", "is required")).getProperties())
                .containsEntry("errors", List.of(new Refusal.FieldError("body", "is required")));
    }

    @Test
    void aRefusalOfTheWebLayerKeepsItsStatusAndRetryAfter() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/posts/p/replies"));
        ProblemDetail problem = problems.toProblem(
                new RequestRefused(HttpStatus.TOO_MANY_REQUESTS, "too-many-replies", "Slow down.", 7), exchange);
        assertThat(problem.getStatus()).isEqualTo(429);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
    }
}
