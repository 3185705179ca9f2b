package io.inkstream.query.author;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static io.inkstream.query.ReadModels.appliedBefore;
import static io.inkstream.query.ReadModels.await;
import static io.inkstream.query.ReadModels.date;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.inkstream.api.author.AuthorProfileUpdated;
import io.inkstream.api.author.AuthorRegistered;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.query.Collections;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
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
@ProcessingGroup(AuthorProjection.GROUP)
public class AuthorProjection {

    static final String GROUP = "authors";

    private final Collections writes;

    @Autowired
    AuthorProjection(Generations generations) {
        this(generations.writing());
    }

    AuthorProjection(Collections writes) {
        this.writes = writes;
    }

    /** The same projection over other collections: for time travel. */
    public static Object into(Collections target) {
        return new AuthorProjection(target);
    }

    @EventHandler
    void on(AuthorRegistered e, @SequenceNumber long sequence, @Timestamp Instant at) {
        Document fields = profile(e.displayName(), e.bio(), e.contact(), sequence + 1).append("registeredAt", date(at));
        await(appliedBefore(Mono.from(writes.get(ReadModels.AUTHORS).updateOne(and(eq("_id", e.authorId().value()), lt("version", sequence + 1)),
                new Document("$set", fields), new UpdateOptions().upsert(true)))));
    }

    @EventHandler
    void on(AuthorProfileUpdated e, @SequenceNumber long sequence) {
        await(Mono.from(writes.get(ReadModels.AUTHORS).updateOne(and(eq("_id", e.authorId().value()), lt("version", sequence + 1)),
                new Document("$set", profile(e.displayName(), e.bio(), e.contact(), sequence + 1)))));
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
