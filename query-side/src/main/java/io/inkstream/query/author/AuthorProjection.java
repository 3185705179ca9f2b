package io.inkstream.query.author;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static io.inkstream.query.ReadModels.appliedBefore;
import static io.inkstream.query.ReadModels.await;
import static io.inkstream.query.ReadModels.date;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.inkstream.api.Version;
import io.inkstream.api.author.AuthorProfileUpdated;
import io.inkstream.api.author.AuthorRegistered;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.query.FeedMarks;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The author read model: the profile, guarded by the author's own event version, and the set
 * of its published posts, kept with set operations, so every event can be applied twice.
 */
@Component
@ProcessingGroup(ReadModels.AUTHOR_GROUP)
public class AuthorProjection {


    private final Generation writes;
    /** Raises the mark every feed's answers depend on: they show authors' names. */
    private final Runnable namesChanged;

    @Autowired
    AuthorProjection(Generations generations, FeedMarks feeds) {
        this(generations.writing(), () -> feeds.changed(ReadModels.AUTHOR_GROUP, List.of(FeedMarks.EVERY)));
    }

    AuthorProjection(Generation writes, Runnable namesChanged) {
        this.writes = writes;
        this.namesChanged = namesChanged;
    }

    /** The same projection over other collections, telling no one: for time travel, and tests. */
    public static AuthorProjection into(Generation target) {
        return new AuthorProjection(target, () -> { });
    }

    @EventHandler
    void on(AuthorRegistered e, @Version long version, @Timestamp Instant at) {
        Document fields = profile(e.displayName(), e.bio(), e.contact(), version).append("registeredAt", date(at));
        await(appliedBefore(Mono.from(writes.get(ReadModels.AUTHORS).updateOne(and(eq("_id", e.authorId().value()), lt("version", version)),
                new Document("$set", fields), new UpdateOptions().upsert(true)))));
    }

    @EventHandler
    void on(AuthorProfileUpdated e, @Version long version) {
        await(Mono.from(writes.get(ReadModels.AUTHORS).updateOne(and(eq("_id", e.authorId().value()), lt("version", version)),
                new Document("$set", profile(e.displayName(), e.bio(), e.contact(), version)))));
        namesChanged.run();
    }

    @EventHandler
    void on(PostPublished e) {
        await(Mono.from(writes.get(ReadModels.AUTHORS).updateOne(eq("_id", e.authorId().value()),
                Updates.addToSet("postIds", e.postId().value()), new UpdateOptions().upsert(true))));
    }

    @EventHandler
    void on(PostUnpublished e) {
        await(Mono.from(writes.get(ReadModels.AUTHORS).updateOne(eq("_id", e.authorId().value()), Updates.pull("postIds", e.postId().value()))));
    }

    private static Document profile(String displayName, String bio, String contact, long version) {
        return new Document("displayName", displayName).append("bio", bio).append("contact", contact)
                .append("version", version);
    }
}
