package io.inkstream.query.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Shares each read model's segments among the query-side instances that are up. A tracking
 * processor claims every segment it has threads for, so the first instance to start would
 * keep them all; each instance therefore says it is alive (in {@code query_instances}) and,
 * holding more than its share, lets one segment go for a while, for another instance to claim.
 * An instance that dies stops saying so; its claims lapse (10 s) and the others take its
 * segments over.
 */
@Component
class SegmentShare implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SegmentShare.class);
    /** An instance not heard from for this long is taken for gone: as long as a token claim lasts. */
    private static final Duration ALIVE_FOR = Duration.ofSeconds(10);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final MongoCollection<Document> instances;
    private final Duration every;
    private final String id = UUID.randomUUID().toString();
    private Disposable beat;

    SegmentShare(EventProcessingConfiguration processing, TokenStore tokens, MongoDatabase database,
            @Value("${inkstream.segments.share-every:3s}") Duration every) {
        this.processing = processing;
        this.tokens = tokens;
        this.instances = database.getCollection(ReadModels.INSTANCES);
        this.every = every;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        beat = Flux.interval(Duration.ZERO, every, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .subscribe(tick -> {
                    try {
                        share();
                    } catch (RuntimeException e) {
                        log.warn("Could not share segments this round: {}", e.toString());
                    }
                });
    }

    void share() {
        Instant now = Instant.now();
        instances.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("seen", Date.from(now)),
                new ReplaceOptions().upsert(true));
        long alive = Math.max(1, instances.countDocuments(Filters.gte("seen", Date.from(now.minus(ALIVE_FOR)))));
        for (String name : Generations.READ_MODELS.keySet()) {
            processing.eventProcessor(name, TrackingEventProcessor.class).ifPresent(processor -> {
                int segments = tokens.fetchSegments(name).length;
                long share = (segments + alive - 1) / alive;
                var mine = processor.processingStatus().keySet();
                if (mine.size() > share) {
                    int segment = mine.stream().max(Integer::compare).orElseThrow();
                    log.info("Releasing segment {} of {}: {} instances share {} segments", segment, name, alive, segments);
                    processor.releaseSegment(segment, ALIVE_FOR.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            });
        }
    }

    @Override
    public void destroy() {
        if (beat != null) {
            beat.dispose();
        }
        try {
            instances.deleteOne(Filters.eq("_id", id));
        } catch (RuntimeException e) {
            // MongoDB gone at shutdown: the entry lapses by itself.
        }
    }
}
