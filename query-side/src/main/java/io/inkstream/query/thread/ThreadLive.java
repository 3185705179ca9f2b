package io.inkstream.query.thread;

import io.inkstream.api.reply.FetchThreadQuery;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ReplyEdited;
import io.inkstream.api.reply.ReplyEvent;
import io.inkstream.api.reply.ReplyRemoved;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.ThreadUpdate;
import io.inkstream.platform.axon.BatchedWrites;
import io.inkstream.query.Generations;
import io.inkstream.query.LiveFeeds;
import io.inkstream.query.ReadModelChanges;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Tells this instance's subscribers of a thread about its replies, once the read model shows them. */
@Component
@ProcessingGroup(LiveFeeds.GROUP)
class ThreadLive {

    private final ThreadViews views;
    private final QueryUpdateEmitter updates;
    private final Generations generations;
    private final ReadModelChanges changes;

    ThreadLive(ThreadViews views, QueryUpdateEmitter updates, Generations generations, ReadModelChanges changes) {
        this.views = views;
        this.updates = updates;
        this.generations = generations;
        this.changes = changes;
    }

    @EventHandler
    void on(ReplyAdded e, @SequenceNumber long sequence) {
        tell("reply-added", e, sequence);
    }

    @EventHandler
    void on(ReplyEdited e, @SequenceNumber long sequence) {
        tell("reply-edited", e, sequence);
    }

    @EventHandler
    void on(ReplyRemoved e, @SequenceNumber long sequence) {
        tell("reply-removed", e, sequence);
    }

    /**
     * Subscribers are looked for only once the change is readable: one who subscribes later
     * gets it in the snapshot, one who subscribed earlier gets it here. (Looked for first, a
     * subscriber arriving in between would get it in neither.) A tracking batch's changes are
     * read together when it ends, with one lookup of their replies rather than one each.
     */
    private void tell(String kind, ReplyEvent e, long sequence) {
        Change change = new Change(kind, e, sequence + 1);
        BatchedWrites.buffer(LiveFeeds.GROUP + "/threads", ArrayList<Change>::new, this::tell)
                .ifPresentOrElse(batch -> batch.add(change), () -> tell(List.of(change)));
    }

    private void tell(List<Change> batch) {
        changes.readable(batch, this::read, generations.state(ThreadProjection.GROUP).building() == null,
                (change, reply) -> {
                    String postId = change.event().postId().value();
                    if (updates.activeSubscriptions().stream()
                            .anyMatch(s -> s.getPayload() instanceof FetchThreadQuery q && q.postId().equals(postId))) {
                        updates.emit(FetchThreadQuery.class, q -> q.postId().equals(postId),
                                new ThreadUpdate(change.kind(), postId, reply));
                    }
                });
    }

    /** The changes whose replies the read model shows as their events left them, or later. */
    private Mono<Map<Change, ReplyView>> read(List<Change> pending) {
        return views.replies(pending.stream().map(c -> c.event().replyId().value()).distinct().toList())
                .map(replies -> {
                    Map<Change, ReplyView> found = new HashMap<>();
                    for (Change change : pending) {
                        ThreadViews.Versioned reply = replies.get(change.event().replyId().value());
                        if (reply != null && reply.version() >= change.version()) {
                            found.put(change, reply.view());
                        }
                    }
                    return found;
                });
    }

    /** A reply's change, and the version of the reply it made. */
    private record Change(String kind, ReplyEvent event, long version) {
    }
}
