package io.inkstream.query.live;

import io.inkstream.api.PostId;
import io.inkstream.api.Version;
import io.inkstream.api.post.DraftEvent;
import io.inkstream.api.post.FetchPostQuery;
import io.inkstream.api.post.FollowPostsQuery;
import io.inkstream.api.post.PostEvent;
import io.inkstream.api.post.PostFeedUpdate;
import io.inkstream.api.post.PostPublished;
import io.inkstream.api.post.PostUnpublished;
import io.inkstream.api.privacy.CommenterErased;
import io.inkstream.api.reply.FetchThreadQuery;
import io.inkstream.api.reply.FollowModerationQuery;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ReplyApproved;
import io.inkstream.api.reply.ReplyEdited;
import io.inkstream.api.reply.ReplyEvent;
import io.inkstream.api.reply.ReplyRejected;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.ThreadView;
import io.inkstream.platform.axon.BatchedWrites;
import io.inkstream.platform.privacy.Vault;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModelChanges;
import io.inkstream.query.ReadModels;
import io.inkstream.query.post.PostViews;
import io.inkstream.query.thread.ModerationQueue;
import io.inkstream.query.thread.ThreadViews;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live updates for server-sent-event subscribers, from every query-side instance to its own
 * subscribers, for every read model the same way. The read models' processors share their
 * work between instances (each event is projected by one of them), so the projection that
 * stored a change may run in another process than the subscriber. Each instance therefore
 * follows the event store itself, from the moment it starts, in the processing group
 * {@value ReadModels#LIVE_GROUP} (its position in memory: it never replays).
 *
 * <p>A change is told once the read model shows it: one who subscribes later gets it in the
 * snapshot, one who subscribed earlier gets it here. (Told first, a subscriber arriving in
 * between would get it in neither.) A tracking batch's changes to one read model are looked
 * for together when it ends, and told only where a subscription asks for them.
 */
@Component
@ProcessingGroup(ReadModels.LIVE_GROUP)
public class LiveFeeds {

    private static final Logger log = LoggerFactory.getLogger(LiveFeeds.class);

    private final PostViews posts;
    private final ThreadViews threads;
    private final QueryUpdateEmitter updates;
    private final Generations generations;
    private final ReadModelChanges changes;
    private final ModerationQueue queue;
    private final Vault vault;

    LiveFeeds(PostViews posts, ThreadViews threads, QueryUpdateEmitter updates, Generations generations,
            ReadModelChanges changes, ModerationQueue queue, Vault vault) {
        this.queue = queue;
        this.vault = vault;
        this.posts = posts;
        this.threads = threads;
        this.updates = updates;
        this.generations = generations;
        this.changes = changes;
    }

    @Bean
    static ConfigurerModule liveFeedProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(ReadModels.LIVE_GROUP, config -> new InMemoryTokenStore())
                .registerTrackingEventProcessor(ReadModels.LIVE_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }

    /** A change an event made, and the version of its aggregate it made. */
    private record Change<E>(E event, long version) {
    }

    @EventHandler
    void on(PostEvent event, @Version long version) {
        if (event instanceof DraftEvent) {
            return; // never public: no page shows it, so none would ever be found to tell
        }
        tell(ReadModels.POST_GROUP, new Change<>(event, version), this::readPosts, (change, post) -> {
            if (watched(FetchPostQuery.class, q -> true)) {
                updates.emit(FetchPostQuery.class,
                        q -> q.idOrSlug().equals(post.getString("_id")) || q.idOrSlug().equals(post.getString("slug")),
                        ReadModels.await(posts.page(post)));
            }
            if (watched(FollowPostsQuery.class, q -> true)) {
                updates.emit(FollowPostsQuery.class, q -> true, change.event() instanceof PostUnpublished
                        ? PostFeedUpdate.unpublished(change.event().postId(), post.getString("slug"))
                        : PostFeedUpdate.of(change.event() instanceof PostPublished ? "post-published" : "post-updated",
                                ReadModels.await(posts.summaries(Flux.just(post)).next())));
            }
        });
    }

    /**
     * Tells a thread's subscribers what readers now see: nothing of a reply while it waits for a
     * moderator (held, or under a reply that is), and an approved reply as added, with the
     * answers that waited for it.
     */
    @EventHandler
    void on(ReplyEvent event, @Version long version) {
        log.debug("Telling the live thread of post {} of {} {}", event.postId(), event.getClass().getSimpleName(),
                event.replyId());
        if (event instanceof ReplyAdded added && added.held()) {
            held(added, version);
            return;
        }
        if (event instanceof ReplyRejected) {
            return;
        }
        tell(ReadModels.THREAD_GROUP, new Change<>(event, version), this::readReplies, (change, reply) -> {
            PostId postId = change.event().postId();
            if (!reply.shown() || !watched(FetchThreadQuery.class, q -> q.postId().equals(postId))) {
                return;
            }
            emit(postId, kind(change.event()), reply.view());
            if (change.event() instanceof ReplyApproved && !reply.released().isEmpty()) {
                ReadModels.await(threads.replies(reply.released())).values().stream()
                        .filter(ThreadViews.Versioned::shown)
                        .forEach(answer -> emit(postId, "reply-added", answer.view()));
            }
        });
    }

    /** Tells the moderators watching the queue of a reply held, once the queue holds it. */
    private void held(ReplyAdded added, long version) {
        if (!watched(FollowModerationQuery.class, q -> true)) {
            return;
        }
        tell(ReadModels.THREAD_GROUP, ReadModels.MODERATION, new Change<>(added, version),
                pending -> queue.held(pending.stream().map(c -> c.event().replyId().value()).toList())
                        .map(found -> {
                            Map<Change<ReplyAdded>, ModerationQueue.Held> told = new HashMap<>();
                            pending.forEach(c -> {
                                ModerationQueue.Held held = found.get(c.event().replyId().value());
                                if (held != null) {
                                    told.put(c, held);
                                }
                            });
                            return told;
                        }),
                (change, held) -> updates.emit(FollowModerationQuery.class,
                        q -> q.authorId() == null || q.authorId().equals(held.postAuthorId()), held.reply()));
    }

    /**
     * Every instance follows the store here: each forgets the erased commenter's key it may
     * remember, so nothing it reads from now on opens with it.
     */
    @EventHandler
    void on(CommenterErased event) {
        vault.forget(event.commenter());
    }

    private void emit(PostId postId, String kind, ReplyView reply) {
        updates.emit(FetchThreadQuery.class, q -> q.postId().equals(postId), new ThreadView.Update(kind, postId, reply));
    }

    private static String kind(ReplyEvent event) {
        if (event instanceof ReplyAdded || event instanceof ReplyApproved) {
            return "reply-added";
        }
        return event instanceof ReplyEdited ? "reply-edited" : "reply-removed";
    }

    /**
     * Hands {@code change} to {@code then} with what {@code read} finds of it in the read model,
     * once found; with the other changes of its tracking batch to the same read model, if any.
     * Not worth waiting for while the read model is rebuilt: readers see it only at the switch.
     */
    private <C, T> void tell(String readModel, C change, Function<List<C>, Mono<Map<C, T>>> read,
            BiConsumer<C, T> then) {
        tell(readModel, readModel, change, read, then);
    }

    /** The same, gathering the batch's changes under {@code kind}: one read model can tell of two kinds. */
    private <C, T> void tell(String readModel, String kind, C change, Function<List<C>, Mono<Map<C, T>>> read,
            BiConsumer<C, T> then) {
        Consumer<List<C>> told = batch ->
                changes.readable(batch, read, generations.state(readModel).building() == null, then);
        BatchedWrites.buffer(ReadModels.LIVE_GROUP + "/" + kind, () -> new ArrayList<C>(), told)
                .ifPresentOrElse(batch -> batch.add(change), () -> told.accept(List.of(change)));
    }

    private <Q> boolean watched(Class<Q> query, Predicate<Q> which) {
        return updates.activeSubscriptions().stream()
                .anyMatch(s -> query.isInstance(s.getPayload()) && which.test(query.cast(s.getPayload())));
    }

    /** The posts' documents that show the changes, or later ones: the page and summary are made from them. */
    private Mono<Map<Change<PostEvent>, Document>> readPosts(List<Change<PostEvent>> pending) {
        return Flux.fromIterable(pending)
                .concatMap(change -> posts.find(change.event().postId().value())
                        .filter(post -> post.get("version", Number.class).longValue() >= change.version())
                        .map(post -> Map.entry(change, post)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The replies as the read model shows them, for the changes it shows: one lookup for all. */
    private Mono<Map<Change<ReplyEvent>, ThreadViews.Versioned>> readReplies(List<Change<ReplyEvent>> pending) {
        return threads.replies(pending.stream().map(c -> c.event().replyId().value()).distinct().toList())
                .map(replies -> {
                    Map<Change<ReplyEvent>, ThreadViews.Versioned> found = new HashMap<>();
                    for (Change<ReplyEvent> change : pending) {
                        ThreadViews.Versioned reply = replies.get(change.event().replyId().value());
                        if (reply != null && reply.version() >= change.version()) {
                            found.put(change, reply);
                        }
                    }
                    return found;
                });
    }
}
