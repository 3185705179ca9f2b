package io.inkstream.query;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Live updates for server-sent-event subscribers, from every query-side instance to its own
 * subscribers. The read models' processors share their work between instances (each event is
 * projected by one of them), so the projection that stored a change may run in another process
 * than the subscriber. Each instance therefore follows the event store itself, from the moment
 * it starts, in the processing group {@value #GROUP} (its position in memory: it never
 * replays), and tells its subscribers of a change once the read model shows it.
 */
@Configuration(proxyBeanMethods = false)
public class LiveFeeds {

    public static final String GROUP = "live";
    /** How long an update waits for the read model to show its change before it is dropped. */
    static final Duration READABLE_WITHIN = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(10);

    @Bean
    ConfigurerModule liveFeedProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(GROUP, config -> new InMemoryTokenStore())
                .registerTrackingEventProcessor(GROUP, org.axonframework.config.Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }

    /**
     * What {@code read} finds once it finds something, polling every 10 ms for up to
     * {@link #READABLE_WITHIN} if {@code wait}; empty if the change never showed. Not worth
     * waiting for while the read model is rebuilt: readers see it only at the switch. Blocks:
     * called on the live processor's own thread.
     */
    public static <T> Optional<T> readable(Supplier<Mono<T>> read, boolean wait) {
        long deadline = System.nanoTime() + (wait ? READABLE_WITHIN.toNanos() : 0);
        while (true) {
            Optional<T> found = read.get().blockOptional(ReadModels.WRITE_TIMEOUT);
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
