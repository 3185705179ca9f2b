package io.inkstream.query.post;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static io.inkstream.query.ReadModels.appliedBefore;
import static io.inkstream.query.ReadModels.await;
import static io.inkstream.query.ReadModels.date;

import com.mongodb.client.model.UpdateOptions;
import io.inkstream.api.Version;
import io.inkstream.api.post.DraftDiscarded;
import io.inkstream.api.post.DraftRevised;
import io.inkstream.api.post.PostDrafted;
import io.inkstream.api.post.PostEvent;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostScheduled;
import io.inkstream.api.post.PostUnscheduled;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Drafts and scheduled posts, in their own collection so that no public read can meet one: a
 * document per post not yet published, shaped as a post page's (rendered the same way), its
 * {@code version} the number of the post's events applied. A draft published or discarded
 * stays as a tombstone ({@code closed}, content dropped): a late redelivery of its first event
 * then finds it newer and cannot bring the draft back.
 */
@Component
@ProcessingGroup(ReadModels.POST_GROUP)
public class DraftProjection {

    static final String DRAFT = "draft";
    static final String SCHEDULED = "scheduled";
    /** Set on a draft that was published or discarded: no read shows it. */
    static final String CLOSED = "closed";

    private final Generation writes;

    @Autowired
    DraftProjection(Generations generations) {
        this(generations.writing());
    }

    DraftProjection(Generation writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(PostDrafted e, @Version long version, @Timestamp Instant at) {
        Document fields = PostProjection.content(e.title(), e.bodyMarkdown(), e.tags(), e.canonicalUrl(), e.relatedLinks())
                .append("slug", e.slug())
                .append("authorId", e.authorId().value())
                .append("status", e.publishAt() == null ? DRAFT : SCHEDULED)
                .append("publishAt", date(e.publishAt()))
                .append("updatedAt", date(at))
                .append("version", version);
        await(appliedBefore(Mono.from(writes.get(ReadModels.DRAFTS).updateOne(newer(e, version),
                new Document("$set", fields), new UpdateOptions().upsert(true)))));
    }

    @EventHandler
    void on(DraftRevised e, @Version long version, @Timestamp Instant at) {
        set(e, version, PostProjection.content(e.title(), e.bodyMarkdown(), e.tags(), e.canonicalUrl(), e.relatedLinks())
                .append("updatedAt", date(at)));
    }

    @EventHandler
    void on(PostScheduled e, @Version long version, @Timestamp Instant at) {
        set(e, version, new Document("status", SCHEDULED).append("publishAt", date(e.publishAt()))
                .append("updatedAt", date(at)));
    }

    @EventHandler
    void on(PostUnscheduled e, @Version long version, @Timestamp Instant at) {
        set(e, version, new Document("status", DRAFT).append("publishAt", null).append("updatedAt", date(at)));
    }

    @EventHandler
    void on(DraftDiscarded e, @Version long version) {
        close(e, version);
    }

    /** A post published at once (its first event) was never a draft: nothing to look for. */
    @EventHandler
    void on(PostPublished e, @Version long version) {
        if (version > 1) {
            close(e, version);
        }
    }

    private void close(PostEvent e, long version) {
        await(Mono.from(writes.get(ReadModels.DRAFTS).updateOne(newer(e, version), new Document("$set",
                new Document(CLOSED, true).append("version", version))
                .append("$unset", new Document("bodyMarkdown", "").append("bodyHtml", "").append("excerpt", "")))));
    }

    private void set(PostEvent e, long version, Document fields) {
        await(Mono.from(writes.get(ReadModels.DRAFTS).updateOne(newer(e, version),
                new Document("$set", fields.append("version", version)))));
    }

    /** Matches the draft only while it is older than this event. */
    private static Bson newer(PostEvent event, long version) {
        return and(eq("_id", event.postId().value()), lt("version", version));
    }
}
