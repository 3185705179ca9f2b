package io.inkstream.command;

import io.inkstream.eventstore.StaleRead;
import io.inkstream.platform.axon.Metadata;
import io.inkstream.platform.web.Problems;
import io.inkstream.platform.web.Requester;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Sends a command with the requester's principal and correlation id as metadata, which Axon
 * copies onto every event the command causes. The handlers block on MongoDB, so they run on a
 * scheduler made for blocking work, never on a Netty event loop; the answer comes once the
 * events are stored. A command whose events found what it read changed when they were stored
 * ({@link StaleRead}: nothing was stored) is sent again, and reads afresh.
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
        // the request for every line it writes, and the request's observation is made current
        // here (only it: no other thread-bound state crosses), so that the command's span is a
        // child of the request's and its trace goes on with the events.
        return Mono.deferContextual(context -> Mono.using(
                        () -> new Scopes(MDC.putCloseable(Metadata.CORRELATION_ID, requester.correlationId()),
                                SNAPSHOTS.setThreadLocalsFrom(context, ObservationThreadLocalAccessor.KEY)),
                        scope -> gateway.<R>send(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                                Metadata.PRINCIPAL, requester.actor().login(),
                                Metadata.CORRELATION_ID, requester.correlationId()))),
                        Scopes::close))
                .retryWhen(Retry.max(STALE_RETRIES).filter(e -> Problems.causedBy(e, StaleRead.class)))
                .subscribeOn(scheduler);
    }

    /** How often a command is sent again after a stale read: each time, something else changed it. */
    private static final int STALE_RETRIES = 3;

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    /** What {@link #send} sets on the sending thread, undone in reverse when the command is answered. */
    private record Scopes(MDC.MDCCloseable correlation, ContextSnapshot.Scope observation) {

        void close() {
            observation.close();
            correlation.close();
        }
    }

    /** Runs blocking or CPU-heavy edge work (password hashing) off the event loop. */
    public <R> Mono<R> offload(java.util.concurrent.Callable<R> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }
}
