package io.inkstream.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.inkstream.api.Actor;
import io.inkstream.eventstore.StaleRead;
import io.inkstream.platform.web.Requester;
import java.time.Duration;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A command whose events found what it read changed is sent again; other failures are answered as they are. */
class CommandsTest {

    final ReactorCommandGateway gateway = mock(ReactorCommandGateway.class);
    final Commands commands = new Commands(gateway);
    final Requester reader = new Requester(Actor.ANONYMOUS, "c-1");

    @Test
    void staleReadIsSentAgainAndAnsweredByTheRetry() {
        when(gateway.send(any())).thenReturn(Mono.error(new StaleRead("p/3")), Mono.error(new StaleRead("p/4")),
                Mono.just("r-1"));
        StepVerifier.create(commands.send("AddReply", reader)).expectNext("r-1").verifyComplete();
        verify(gateway, times(3)).send(any());
    }

    @Test
    void staleReadEveryTimeIsAnsweredAfterAFewTries() {
        when(gateway.send(any())).thenReturn(Mono.error(new StaleRead("p/3")));
        StepVerifier.create(commands.send("AddReply", reader))
                .expectErrorSatisfies(e -> assertThat(e).hasRootCauseInstanceOf(StaleRead.class))
                .verify(Duration.ofSeconds(5));
        verify(gateway, times(4)).send(any());
    }

    @Test
    void refusalIsNotSentAgain() {
        when(gateway.send(any())).thenReturn(Mono.error(new IllegalStateException("replies closed")));
        StepVerifier.create(commands.send("AddReply", reader)).expectError(IllegalStateException.class)
                .verify(Duration.ofSeconds(5));
        verify(gateway, times(1)).send(any());
    }
}
