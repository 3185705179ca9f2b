package io.inkstream.command;

import io.inkstream.platform.axon.Metadata;
import io.inkstream.platform.web.Requester;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.slf4j.MDC;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a command with the requester's principal and correlation id as metadata, which Axon
 * copies onto every event the command causes. The handlers block on MongoDB, so they run on a
 * scheduler made for blocking work, never on a Netty event loop; the answer comes once the
 * events are stored.
 */
@Component
public class Commands {

    private final ReactorCommandGateway gateway;
    private final Scheduler scheduler = Schedulers.boundedElastic();

    public Commands(ReactorCommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> Mono<R> send(Object command, Requester requester) {
        // The handler runs while the command is sent, on this thread: the logging context names
        // the request for every line it writes.
        return Mono.using(() -> MDC.putCloseable(Metadata.CORRELATION_ID, requester.correlationId()),
                        scope -> gateway.<R>send(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                                Metadata.PRINCIPAL, requester.actor().login(),
                                Metadata.CORRELATION_ID, requester.correlationId()))),
                        MDC.MDCCloseable::close)
                .subscribeOn(scheduler);
    }

    /** Runs blocking or CPU-heavy edge work (password hashing) off the event loop. */
    public <R> Mono<R> offload(java.util.concurrent.Callable<R> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }
}
