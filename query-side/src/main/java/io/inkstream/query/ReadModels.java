package io.inkstream.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * Names of the read-model collections, and the few helpers every projection shares.
 * Each read model is rebuilt from events alone; none is written by the command side.
 */
public final class ReadModels {

    /** The processing groups, each named as the admin API names the read model it builds. */
    public static final String POST_GROUP = "posts";
    public static final String AUTHOR_GROUP = "authors";
    public static final String THREAD_GROUP = "threads";
    /** Live updates, which every instance follows for itself: see {@code LiveFeeds}. */
    public static final String LIVE_GROUP = "live";

    public static final String POSTS = "post_pages";
    /** Drafts and scheduled posts, private to their authors; part of the post read model. */
    public static final String DRAFTS = "post_drafts";
    public static final String AUTHORS = "author_pages";
    public static final String THREADS = "threads";
    public static final String THREAD_PAGES = "thread_pages";
    public static final String REPLIES = "replies";
    /** Replies waiting for a moderator; part of the thread read model. */
    public static final String MODERATION = "moderation_queue";
    /** Which query-side instances are alive, for sharing the processors' segments. */
    public static final String INSTANCES = "query_instances";
    /** Axon's token store and dead-letter queue on MongoDB (axon-mongo's default names). */
    static final Set<String> PROCESSING = Set.of("trackingtokens", "deadletters");

    /** How long a projection waits for one write before the event is retried. */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private ReadModels() {
    }

    /**
     * Whether a collection holds only what the events determine: every generation of every
     * read model, the processors' tokens and dead letters, instance heartbeats, feed marks. A store may
     * lose recent writes to these in a crash; the processors redo them.
     */
    public static boolean rebuildable(String collection) {
        return PROCESSING.contains(collection) || collection.equals(INSTANCES) || collection.equals(Generations.COLLECTION)
                // Raised after the writes they follow and before the token: a crash that loses a
                // raise loses the token too, and the processor raises it again.
                || collection.equals(FeedMarks.COLLECTION)
                || Generations.READ_MODELS.values().stream().flatMap(List::stream)
                        .anyMatch(model -> collection.equals(model) || collection.startsWith(model + "_g"));
    }

    /**
     * Waits for a projection's write: Axon's handlers are synchronous, and an event counts as
     * handled only once its effect is stored.
     */
    public static <T> T await(Mono<T> write) {
        return write.block(WRITE_TIMEOUT);
    }

    /**
     * An upsert guarded by version met a newer document, and so tried to insert a second one
     * with the same {@code _id}: the event was applied before, which is what a replay or a
     * redelivery looks like. Nothing to do.
     */
    public static <T> Mono<T> appliedBefore(Mono<T> write) {
        return write.onErrorResume(MongoWriteException.class, e -> idTaken(e.getError()) ? Mono.empty() : Mono.error(e));
    }

    /** Only a clash on _id means "applied before"; one on another unique key (a slug) is a real failure. */
    private static boolean idTaken(WriteError error) {
        return error.getCategory() == ErrorCategory.DUPLICATE_KEY && error.getMessage().contains("_id_");
    }

    /**
     * Inserts the documents whose {@code _id} is free, in one unordered round trip: one already
     * there was inserted by the same event before (a replay or a redelivery).
     */
    public static Mono<Void> insertNew(MongoCollection<Document> target, List<Document> documents) {
        List<InsertOneModel<Document>> inserts = documents.stream().map(InsertOneModel::new).toList();
        return Mono.from(target.bulkWrite(inserts, new BulkWriteOptions().ordered(false)))
                .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteConcernError() == null
                        && e.getWriteErrors().stream().allMatch(ReadModels::idTaken) ? Mono.empty() : Mono.error(e))
                .then();
    }

    /** Drops the named collections of a read-model set that exist; a missing one is not an error. */
    public static void drop(com.mongodb.reactivestreams.client.MongoDatabase database, Generation target,
            java.util.Collection<String> names) {
        java.util.Set<String> existing = new java.util.HashSet<>(
                reactor.core.publisher.Flux.from(database.listCollectionNames()).collectList().block(WRITE_TIMEOUT));
        for (String name : names) {
            var collection = target.get(name);
            if (existing.contains(collection.getNamespace().getCollectionName())) {
                Mono.from(collection.drop()).block(WRITE_TIMEOUT);
            }
        }
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
