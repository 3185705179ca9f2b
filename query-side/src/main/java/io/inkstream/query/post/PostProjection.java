package io.inkstream.query.post;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static io.inkstream.query.ReadModels.appliedBefore;
import static io.inkstream.query.ReadModels.await;
import static io.inkstream.query.ReadModels.date;

import com.mongodb.client.model.UpdateOptions;
import io.inkstream.api.Link;
import io.inkstream.api.Version;
import io.inkstream.api.post.ModerationSet;
import io.inkstream.api.post.PostEdited;
import io.inkstream.api.post.PostEvent;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.api.post.RepliesClosed;
import io.inkstream.api.post.RepliesOpened;
import io.inkstream.api.post.Tags;
import io.inkstream.query.FeedMarks;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModelChanges;
import io.inkstream.query.ReadModels;
import io.inkstream.query.render.Markdown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The post read model: one document per post, its {@code version} the number of the post's
 * events applied. Every write is guarded by that version, so an event seen twice changes
 * nothing the second time.
 */
@Component
@ProcessingGroup(ReadModels.POST_GROUP)
public class PostProjection {

    /** The post's tags as lists and feeds match them ({@link Tags#key}). */
    static final String TAG_KEYS = "tagKeys";


    private final Generation writes;
    /** Says that a write is stored: the live projection tells this instance's live feeds. */
    private final Runnable stored;
    /** Says which feeds a stored write changed: the live projection raises their marks. */
    private final Consumer<Collection<String>> feedsChanged;

    @Autowired
    PostProjection(Generations generations, ReadModelChanges changes, FeedMarks marks) {
        this(generations.writing(), changes::stored, feeds -> marks.changed(ReadModels.POST_GROUP, feeds));
    }

    PostProjection(Generation writes, Runnable stored, Consumer<Collection<String>> feedsChanged) {
        this.writes = writes;
        this.stored = stored;
        this.feedsChanged = feedsChanged;
    }

    /** The same projection over other collections, telling no one: for time travel, and tests. */
    public static PostProjection into(Generation target) {
        return new PostProjection(target, () -> { }, feeds -> { });
    }

    @EventHandler
    void on(PostPublished e, @Version long version, @Timestamp Instant at) {
                Document fields = content(e.title(), e.bodyMarkdown(), e.tags(), e.canonicalUrl(), e.relatedLinks())
                .append("slug", e.slug())
                .append("authorId", e.authorId().value())
                .append("publishedAt", date(at))
                .append("updatedAt", date(at))
                .append("repliesOpen", true)
                .append("unpublished", false)
                .append("version", version);
        await(appliedBefore(Mono.from(writes.get(ReadModels.POSTS).updateOne(newer(e, version), new Document("$set", fields),
                new UpdateOptions().upsert(true)))));
        stored.run();
        feedsChanged.accept(feeds(e.postId().value(), e.authorId().value(), Tags.keys(e.tags())));
    }

    @EventHandler
    void on(PostEdited e, @Version long version, @Timestamp Instant at) {
        Document before = shown(e);
        set(newer(e, version), content(e.title(), e.bodyMarkdown(), e.tags(), e.canonicalUrl(), e.relatedLinks())
                .append("updatedAt", date(at)).append("version", version));
        // The feeds of the tags it had and of those it has now.
        List<String> tags = new ArrayList<>(before.getList(TAG_KEYS, String.class, List.of()));
        tags.addAll(Tags.keys(e.tags()));
        feedsChanged.accept(feeds(e.postId().value(), before.getString("authorId"), tags));
    }

    @EventHandler
    void on(RepliesOpened e, @Version long version) {
        set(newer(e, version), new Document("repliesOpen", true).append("version", version));
    }

    @EventHandler
    void on(RepliesClosed e, @Version long version) {
        set(newer(e, version), new Document("repliesOpen", false).append("version", version));
    }

    /** How replies are moderated is the command side's; the page only moves to the new version. */
    @EventHandler
    void on(ModerationSet e, @Version long version) {
        set(newer(e, version), new Document("version", version));
    }

    @EventHandler
    void on(PostUnpublished e, @Version long version) {
        Document before = shown(e);
        set(newer(e, version), new Document("unpublished", true).append("version", version));
        feedsChanged.accept(feeds(e.postId().value(), e.authorId().value(), before.getList(TAG_KEYS, String.class, List.of())));
    }

    /** What the feeds showing the post are known by, as stored before this event. */
    private Document shown(PostEvent event) {
        Document found = await(Mono.from(writes.get(ReadModels.POSTS).find(eq("_id", event.postId().value()))
                .projection(new Document("authorId", 1).append(TAG_KEYS, 1)).first()));
        return found == null ? new Document() : found;
    }

    /** The feeds a post is in: the site's, its author's, its tags', and its replies' (which name it). */
    private static List<String> feeds(String postId, String authorId, List<String> tagKeys) {
        List<String> feeds = new ArrayList<>(List.of(FeedMarks.SITE, FeedMarks.replies(postId)));
        if (authorId != null) {
            feeds.add(FeedMarks.author(authorId));
        }
        tagKeys.forEach(key -> feeds.add(FeedMarks.tag(key)));
        return feeds;
    }

    /** Matches the post only while it is older than this event. */
    private static Bson newer(PostEvent event, long version) {
        return and(eq("_id", event.postId().value()), lt("version", version));
    }

    private void set(Bson filter, Document fields) {
        await(Mono.from(writes.get(ReadModels.POSTS).updateOne(filter, new Document("$set", fields))));
        stored.run();
    }

    static Document content(String title, String markdown, List<String> tags, String canonicalUrl,
            List<Link> links) {
        return new Document("title", title)
                .append("bodyMarkdown", markdown)
                .append("bodyHtml", Markdown.postHtml(markdown))
                .append("excerpt", Markdown.excerpt(markdown))
                .append("tags", tags == null ? List.of() : tags)
                .append(TAG_KEYS, Tags.keys(tags))
                .append("canonicalUrl", canonicalUrl)
                .append("relatedLinks", (links == null ? List.<Link>of() : links).stream()
                        .map(l -> new Document("title", l.title()).append("url", l.url())).toList());
    }
}
