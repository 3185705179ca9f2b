package io.inkstream.query;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean
    ConfigurerModule liveFeedProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(GROUP, config -> new InMemoryTokenStore())
                .registerTrackingEventProcessor(GROUP, org.axonframework.config.Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }
}
