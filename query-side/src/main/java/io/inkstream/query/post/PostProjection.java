package io.inkstream.query.post;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static io.inkstream.query.ReadModels.appliedBefore;
import static io.inkstream.query.ReadModels.await;
import static io.inkstream.query.ReadModels.date;

import com.mongodb.client.model.UpdateOptions;
import io.inkstream.api.Link;
import io.inkstream.api.post.FetchPostQuery;
import io.inkstream.api.post.FollowPostsQuery;
import io.inkstream.api.post.PostEdited;
import io.inkstream.api.post.PostEvent;
import io.inkstream.api.post.PostFeedUpdate;
import io.inkstream.api.post.PostPage;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostSummary;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.api.post.RepliesClosed;
import io.inkstream.api.post.RepliesOpened;
import io.inkstream.query.Collections;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import io.inkstream.query.render.Markdown;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The post read model: one document per post, its {@code version} the number of the post's
 * events applied. Every write is guarded by that version, so an event seen twice changes
 * nothing the second time.
 */
@Component
@ProcessingGroup(PostProjection.GROUP)
public class PostProjection {

    static final String GROUP = "posts";

    private final Collections writes;
    private final PostViews views;
    private final QueryUpdateEmitter updates;

    @Autowired
    PostProjection(Generations generations, PostViews views, QueryUpdateEmitter updates) {
        this(generations.writing(), views, updates);
    }

    PostProjection(Collections writes, PostViews views, QueryUpdateEmitter updates) {
        this.writes = writes;
        this.views = views;
        this.updates = updates;
    }

    /** The same projection over other collections, announcing nothing: for time travel. */
    public static Object into(Collections target) {
        return new PostProjection(target, new PostViews(target), null);
    }

    @EventHandler
    void on(PostPublished e, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        long version = sequence + 1;
        Document fields = revision(e.title(), e.bodyMarkdown(), e.tags(), e.canonicalUrl(), e.relatedLinks())
                .append("slug", e.slug())
                .append("authorId", e.authorId().value())
                .append("publishedAt", date(at))
                .append("updatedAt", date(at))
                .append("repliesOpen", true)
                .append("unpublished", false)
                .append("version", version);
        await(appliedBefore(Mono.from(writes.get(ReadModels.POSTS).updateOne(newer(e, version), new Document("$set", fields),
                new UpdateOptions().upsert(true)))));
        announce(e, replay);
    }

    @EventHandler
    void on(PostEdited e, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        long version = sequence + 1;
        set(newer(e, version), revision(e.title(), e.bodyMarkdown(), e.tags(), e.canonicalUrl(), e.relatedLinks())
                .append("updatedAt", date(at)).append("version", version));
        announce(e, replay);
    }

    @EventHandler
    void on(RepliesOpened e, @SequenceNumber long sequence, ReplayStatus replay) {
        set(newer(e, sequence + 1), new Document("repliesOpen", true).append("version", sequence + 1));
        announce(e, replay);
    }

    @EventHandler
    void on(RepliesClosed e, @SequenceNumber long sequence, ReplayStatus replay) {
        set(newer(e, sequence + 1), new Document("repliesOpen", false).append("version", sequence + 1));
        announce(e, replay);
    }

    @EventHandler
    void on(PostUnpublished e, @SequenceNumber long sequence, ReplayStatus replay) {
        set(newer(e, sequence + 1), new Document("unpublished", true).append("version", sequence + 1));
        announce(e, replay);
    }

    /** Matches the post only while it is older than this event. */
    private static Bson newer(PostEvent event, long version) {
        return and(eq("_id", event.postId().value()), lt("version", version));
    }

    private void set(Bson filter, Document fields) {
        await(Mono.from(writes.get(ReadModels.POSTS).updateOne(filter, new Document("$set", fields))));
    }

    private static Document revision(String title, String markdown, List<String> tags, String canonicalUrl,
            List<Link> links) {
        return new Document("title", title)
                .append("bodyMarkdown", markdown)
                .append("bodyHtml", Markdown.postHtml(markdown))
                .append("excerpt", Markdown.excerpt(markdown))
                .append("tags", tags == null ? List.of() : tags)
                .append("canonicalUrl", canonicalUrl)
                .append("relatedLinks", (links == null ? List.<Link>of() : links).stream()
                        .map(l -> new Document("title", l.title()).append("url", l.url())).toList());
    }

    /** Tells live subscribers, if there are any: the post's page, and the feed of all posts. */
    private void announce(PostEvent event, ReplayStatus replay) {
        if (updates == null || replay.isReplay()) {
            return; // a replayed event changed nothing a subscriber has not seen
        }
        boolean pageWatched = updates.activeSubscriptions().stream()
                .anyMatch(s -> s.getPayload() instanceof FetchPostQuery);
        boolean feedWatched = updates.activeSubscriptions().stream()
                .anyMatch(s -> s.getPayload() instanceof FollowPostsQuery);
        if (!pageWatched && !feedWatched) {
            return;
        }
        PostPage page = await(views.page(event.postId().value()));
        if (page == null) {
            return;
        }
        if (pageWatched) {
            updates.emit(FetchPostQuery.class,
                    q -> q.idOrSlug().equals(page.postId()) || q.idOrSlug().equals(page.slug()), page);
        }
        if (feedWatched) {
            PostSummary summary = await(views.summaries(Flux.from(views.find(page.postId()).flux())).next());
            String kind = event instanceof PostPublished ? "post-published" : "post-updated";
            updates.emit(FollowPostsQuery.class, q -> true, new PostFeedUpdate(kind, summary));
        }
    }
}
