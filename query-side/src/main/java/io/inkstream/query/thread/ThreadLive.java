package io.inkstream.query.thread;

import io.inkstream.api.reply.FetchThreadQuery;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ReplyEdited;
import io.inkstream.api.reply.ReplyEvent;
import io.inkstream.api.reply.ReplyRemoved;
import io.inkstream.api.reply.ThreadUpdate;
import io.inkstream.query.Generations;
import io.inkstream.query.LiveFeeds;
import io.inkstream.query.ReadModelChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

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
     * subscriber arriving in between would get it in neither.)
     */
    private void tell(String kind, ReplyEvent e, long sequence) {
        String postId = e.postId().value();
        changes.readable(() -> views.reply(e.replyId().value(), sequence + 1),
                        generations.state(ThreadProjection.GROUP).building() == null)
                .filter(reply -> updates.activeSubscriptions().stream()
                        .anyMatch(s -> s.getPayload() instanceof FetchThreadQuery q && q.postId().equals(postId)))
                .ifPresent(reply -> updates.emit(FetchThreadQuery.class, q -> q.postId().equals(postId),
                        new ThreadUpdate(kind, postId, reply)));
    }
}
