package io.inkstream.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
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
                new AggregateStreamCreationException("created by another writer first")}) {
            ProblemDetail problem = of(race);
            assertThat(problem.getStatus()).isEqualTo(409);
            assertThat(problem.getType().toString()).endsWith("concurrent-change");
            assertThat(problem.getDetail()).doesNotContain("another writer first");
        }
    }
}
