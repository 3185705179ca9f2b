package io.inkstream.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.inkstream.eventstore.EventLog;
import io.inkstream.eventstore.MongoEventLog;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Events, snapshots and tracking tokens live in MongoDB. The event store is our own
 * {@link MongoEventLog}; axon-mongo's engine stays selectable
 * ({@code inkstream.event-store.engine=axon-mongo}) only so that benchmarks can compare both.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(EventStoreConfig.class);

    /**
     * The event store's collections a store may answer writes to before they are on disk
     * ({@link MongoEventLog#mayLoseLatestWrites}).
     */
    public static boolean mayLoseLatestWrites(String collection) {
        return MongoEventLog.mayLoseLatestWrites(collection);
    }

    @Bean
    MongoTemplate axonMongoTemplate(MongoDatabase database) {
        return DefaultMongoTemplate.builder().mongoDatabase(database).build();
    }

    @Bean
    @ConditionalOnProperty(name = "inkstream.event-store.engine", havingValue = "inkstream", matchIfMissing = true)
    MongoEventLog eventStorageEngine(MongoDatabase database,
            @Qualifier("eventSerializer") Serializer eventSerializer, List<EventUpcaster> upcasters,
            @Value("${inkstream.event-store.write-concern:majority}") String writeConcern,
            @Value("${inkstream.event-store.gap-timeout:60s}") Duration gapTimeout,
            @Value("${inkstream.event-store.batch-size:100}") int batchSize,
            ObjectProvider<EventLog.Watched> watched) {
        MongoEventLog eventLog = MongoEventLog.builder()
                .database(database)
                .writeConcern(WriteConcern.valueOf(writeConcern.toUpperCase()))
                .gapTimeout(gapTimeout)
                .watched(watched.getIfAvailable(() -> new EventLog.Watched(java.util.Set.of())))
                .batchSize(batchSize)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer())
                .upcasterChain(new EventUpcasterChain(upcasters))
                .build();
        eventLog.ensureIndexes();
        return eventLog;
    }

    /**
     * Checkpoints of the global order, written by whichever process gets there first; each
     * covers what was stored up to a gap timeout before.
     */
    @Bean(destroyMethod = "shutdownNow")
    @ConditionalOnProperty(name = "inkstream.event-store.engine", havingValue = "inkstream", matchIfMissing = true)
    java.util.concurrent.ScheduledExecutorService checkpointing(MongoEventLog eventLog,
            @Value("${inkstream.event-store.checkpoint-every:10s}") Duration every) {
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                eventLog.checkpoint();
            } catch (RuntimeException e) {
                log.warn("Could not write a checkpoint of the event store: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /**
     * Axon's event store over our engine. A processor learns of events appended in its own
     * process at once; events appended by other processes (split deployments, several command
     * sides) it finds by polling the store when idle, every {@code poll-interval}. An idle poll
     * is one lookup of the event counter, so polling often is cheap, and the wait between
     * polls is most of what a split deployment's lag is made of.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine engine, org.axonframework.config.Configuration configuration,
            @Value("${inkstream.event-store.poll-interval:20ms}") Duration pollInterval) {
        return EmbeddedEventStore.builder()
                .storageEngine(engine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(pollInterval.toMillis())
                .build();
    }

    /**
     * Snapshots hold an aggregate's private fields, which have no getters; this serializer
     * reads and writes fields directly. Events and messages keep Axon's configured serializer.
     */
    static Serializer snapshotSerializer() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /** Aggregates with this many events since their last snapshot get a new one. */
    @Bean
    SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter,
            @Value("${inkstream.event-store.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
            @Value("${inkstream.node:}") String node) {
        return claimingAs(node.isBlank() ? node() : node, axonMongoTemplate, serializer);
    }

    /**
     * The name this process claims processors' segments under: its pid and host, and a part of
     * its own. Pid and host alone are not unique: two containers on one host's network are
     * both pid 1 there, and the application contexts of one JVM share both; under one name each
     * took the other's claims for its own, and both projected every event.
     */
    static String node() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Deferring: a batch's token is stored after the read-model writes it covers (BatchedWrites). */
    static DeferringTokenStore claimingAs(String node, MongoTemplate template, Serializer serializer) {
        return new DeferringTokenStore(
                MongoTokenStore.builder().mongoTemplate(template).serializer(serializer).nodeId(node).build(),
                (processorName, segment) -> {
                    Document entry = template.trackingTokensCollection()
                            .find(Filters.and(Filters.eq("processorName", processorName), Filters.eq("segment", segment)))
                            .projection(new Document("owner", 1)).first();
                    return entry != null && node.equals(entry.getString("owner"));
                });
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
