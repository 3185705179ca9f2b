package io.inkstream.command.schedule;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import io.inkstream.api.PostId;
import io.inkstream.api.Version;
import io.inkstream.api.post.DraftDiscarded;
import io.inkstream.api.post.PostDrafted;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostScheduled;
import io.inkstream.api.post.PostUnscheduled;
import io.inkstream.platform.axon.PacedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The posts waiting for their time: a document per scheduled post ({@code _id} its id, its
 * {@code publishAt}, the post's {@code version} it was written at), kept by a tracking processor
 * from the events, so it survives any crash and can be rebuilt from them. Writes are guarded by
 * version, so a redelivered event changes nothing; one that brings back a schedule already
 * done makes the scheduler ask the post, which refuses, and the schedule is dropped.
 */
@Component
@ProcessingGroup(Schedules.GROUP)
class Schedules {

    static final String GROUP = "schedules";
    static final String COLLECTION = "post_schedules";
    static final String SOURCE = "scheduleEvents";

    private final MongoCollection<Document> schedules;

    Schedules(MongoDatabase database) {
        this.schedules = database.getCollection(COLLECTION);
        // Real MongoDB finds due posts by this index; the embedded server scans the (few) waiting ones.
        schedules.createIndex(Indexes.ascending("publishAt"), new IndexOptions().name("due"));
    }

    MongoCollection<Document> collection() {
        return schedules;
    }

    /**
     * The processor's events ({@code axon.eventhandling.processors.schedules.source}): the table
     * is read once a poll, so the events that fill it are read no more often than that; and only
     * those its handlers take.
     */
    @Bean(SOURCE)
    static PacedSource scheduleEvents(EventStorageEngine engine,
            @Value(Scheduler.POLL) Duration poll) {
        return new PacedSource(engine, poll, PacedSource.handledBy(Schedules.class));
    }

    @EventHandler
    void on(PostDrafted e, @Version long version) {
        if (e.publishAt() != null) {
            due(e.postId(), e.publishAt(), version);
        }
    }

    @EventHandler
    void on(PostScheduled e, @Version long version) {
        due(e.postId(), e.publishAt(), version);
    }

    @EventHandler
    void on(PostUnscheduled e, @Version long version) {
        drop(e.postId(), version);
    }

    @EventHandler
    void on(DraftDiscarded e, @Version long version) {
        drop(e.postId(), version);
    }

    /** A post published at once (its first event) was never scheduled. */
    @EventHandler
    void on(PostPublished e, @Version long version) {
        if (version > 1) {
            drop(e.postId(), version);
        }
    }

    /** A new time replaces the old one, and any claim on it. */
    private void due(PostId postId, Instant publishAt, long version) {
        try {
            schedules.updateOne(and(eq("_id", postId.value()), lt("version", version)),
                    new Document("$set", new Document("publishAt", Date.from(publishAt)).append("version", version))
                            .append("$unset", new Document("leaseUntil", "").append("owner", "")),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // The upsert met a newer schedule of this post: this event was applied before.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private void drop(PostId postId, long version) {
        schedules.deleteOne(and(eq("_id", postId.value()), lt("version", version)));
    }
}
