package io.inkstream.bench;

import io.inkstream.eventstore.EventLog;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * axon-mongo's engine in place of ours ({@code inkstream.event-store.engine=axon-mongo}), for
 * benchmarks that compare both in one run; never for production. It has no audit read and no
 * chains: what asks for them fails.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "inkstream.event-store.engine", havingValue = "axon-mongo")
public class AxonMongoEngine {

    private static final Logger log = LoggerFactory.getLogger(AxonMongoEngine.class);

    @Bean
    MongoEventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
            @Qualifier("eventSerializer") Serializer eventSerializer, List<EventUpcaster> upcasters) {
        log.warn("Using axon-mongo's MongoEventStorageEngine: for comparison only, not for production");
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .upcasterChain(new EventUpcasterChain(upcasters))
                .build();
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    EventLog eventLog(EventStorageEngine engine) {
        return new EventLog() {
            @Override
            public long head() {
                var token = engine.createHeadToken();
                return token == null ? 0 : token.position().orElse(0);
            }

            @Override
            public boolean contains(String aggregateIdentifier, long sequenceNumber) {
                return engine.readEvents(aggregateIdentifier, sequenceNumber).hasNext();
            }

            @Override
            public List<StoredEvent> window(long from, int count) {
                throw new UnsupportedOperationException("axon-mongo's engine has no audit read here");
            }

            @Override
            public List<StoredEvent> stream(String aggregateIdentifier, long firstSequence, int count) {
                throw new UnsupportedOperationException("axon-mongo's engine has no audit read here");
            }

            @Override
            public Verification verify() {
                throw new UnsupportedOperationException("axon-mongo's engine keeps no hash chains");
            }

            @Override
            public void redact(String aggregateIdentifier, long sequenceNumber, String payload, String reason) {
                throw new UnsupportedOperationException("the benchmark erases nobody");
            }
        };
    }
}
