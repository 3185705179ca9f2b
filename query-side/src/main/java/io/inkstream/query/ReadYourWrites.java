package io.inkstream.query;

import io.inkstream.eventstore.EventLog;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A read that found nothing looks again while the read model's processor here has not handled
 * every event stored when it asked: a client that was told its post is published finds the
 * post's page and streams at once, though the projection runs apart from the command. Not
 * while the read model is rebuilt (readers see the old generation until the switch), nor where
 * this instance runs no segment of it: there a miss is answered as it is.
 */
@Component
public class ReadYourWrites {

    static final Duration POLL = Duration.ofMillis(10);

    private final EventLog log;
    private final EventProcessingConfiguration processing;
    private final Generations generations;
    private final Duration within;

    ReadYourWrites(EventLog log, EventProcessingConfiguration processing, Generations generations,
            @Value("${inkstream.read-your-writes.within:2s}") Duration within) {
        this.log = log;
        this.processing = processing;
        this.generations = generations;
        this.within = within;
    }

    /**
     * {@code read} again (it found nothing) until it finds something, the read model has handled
     * every event stored before this call, or {@code inkstream.read-your-writes.within} has
     * passed; empty then.
     */
    public <T> Mono<T> again(String readModel, Mono<T> read) {
        if (generations.state(readModel).building() != null || position(readModel).isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromCallable(log::head).subscribeOn(Schedulers.boundedElastic())
                .flatMap(head -> Mono.defer(() -> {
                            // Asked before the read: a read made once the events were handled sees their writes.
                            boolean handled = position(readModel).orElse(Long.MAX_VALUE) >= head;
                            return read.map(Optional::of).switchIfEmpty(handled ? Mono.just(Optional.empty()) : Mono.empty());
                        })
                        .repeatWhenEmpty(tries -> tries.delayElements(POLL))
                        .timeout(within, Mono.just(Optional.empty())))
                .flatMap(Mono::justOrEmpty);
    }

    /** Where this instance's processor of the read model stands: its slowest segment; empty if it runs none. */
    private OptionalLong position(String readModel) {
        return processing.eventProcessor(readModel, TrackingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .mapToLong(segment -> handledThrough(segment.getTrackingToken())).min())
                .orElse(OptionalLong.empty());
    }

    /**
     * The index through which a token has handled every event: below its first gap, if it has
     * one (an index handed out before those it handled, whose event is stored late), else its
     * position; before the first event if it has handled none.
     */
    static long handledThrough(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gaps && !gaps.getGaps().isEmpty()) {
            return gaps.getGaps().first() - 1;
        }
        return token == null ? -1 : token.position().orElse(-1);
    }
}
