package io.inkstream.query.post;

import io.inkstream.api.post.FetchPostQuery;
import io.inkstream.api.post.FollowPostsQuery;
import io.inkstream.api.post.PostEvent;
import io.inkstream.api.post.PostFeedUpdate;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostSummary;
import io.inkstream.query.Generations;
import io.inkstream.query.LiveFeeds;
import io.inkstream.query.ReadModelChanges;
import io.inkstream.query.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Tells this instance's subscribers of a post's page, and of the feed of all posts, once the read model shows a change. */
@Component
@ProcessingGroup(LiveFeeds.GROUP)
class PostLive {

    private final PostViews views;
    private final QueryUpdateEmitter updates;
    private final Generations generations;
    private final ReadModelChanges changes;

    PostLive(PostViews views, QueryUpdateEmitter updates, Generations generations, ReadModelChanges changes) {
        this.views = views;
        this.updates = updates;
        this.generations = generations;
        this.changes = changes;
    }

    /** Subscribers are looked for once the change is readable (see ThreadLive). */
    @EventHandler
    void on(PostEvent event, @SequenceNumber long sequence) {
        changes.readable(() -> views.page(event.postId().value()).filter(p -> p.version() > sequence),
                        generations.state(PostProjection.GROUP).building() == null)
                .ifPresent(page -> {
                    boolean pageWatched = updates.activeSubscriptions().stream()
                            .anyMatch(s -> s.getPayload() instanceof FetchPostQuery);
                    boolean feedWatched = updates.activeSubscriptions().stream()
                            .anyMatch(s -> s.getPayload() instanceof FollowPostsQuery);
                    if (pageWatched) {
                        updates.emit(FetchPostQuery.class,
                                q -> q.idOrSlug().equals(page.postId()) || q.idOrSlug().equals(page.slug()), page);
                    }
                    if (feedWatched) {
                        PostSummary summary = ReadModels.await(
                                views.summaries(Flux.from(views.find(page.postId()).flux())).next());
                        String kind = event instanceof PostPublished ? "post-published" : "post-updated";
                        updates.emit(FollowPostsQuery.class, q -> true, new PostFeedUpdate(kind, summary));
                    }
                });
    }
}
