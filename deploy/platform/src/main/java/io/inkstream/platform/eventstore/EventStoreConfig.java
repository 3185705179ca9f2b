package io.inkstream.platform.eventstore;

import com.mongodb.client.MongoDatabase;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Events and tracking tokens live in MongoDB. This first store is axon-mongo's engine; issue 4
 * replaces it with our own gap-aware one.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfig {

    @Bean
    MongoTemplate axonMongoTemplate(MongoDatabase database) {
        return DefaultMongoTemplate.builder().mongoDatabase(database).build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .build();
        // The unique (aggregate, sequence) index is what makes a second append of one sequence
        // number fail, so a concurrent change or a repeated idempotent reply cannot be stored twice.
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }

    /**
     * correlationId from the command's metadata (the edge sets it from X-Correlation-Id), else
     * the command's id; causationId is always the message that caused the event. Axon's own
     * MessageOriginProvider ignores a correlationId the sender already set.
     */
    @Bean
    CorrelationDataProvider correlationProvider() {
        return message -> Map.of(
                Metadata.CORRELATION_ID, message.getMetaData().getOrDefault(Metadata.CORRELATION_ID, message.getIdentifier()),
                Metadata.CAUSATION_ID, message.getIdentifier());
    }

    @Bean
    CorrelationDataProvider principalProvider() {
        return new SimpleCorrelationDataProvider(Metadata.PRINCIPAL);
    }
}
