package io.inkstream.query.thread;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static io.inkstream.query.ReadModels.appliedBefore;
import static io.inkstream.query.ReadModels.await;
import static io.inkstream.query.ReadModels.date;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.inkstream.api.reply.FetchThreadQuery;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ReplyEdited;
import io.inkstream.api.reply.ReplyEvent;
import io.inkstream.api.reply.ReplyRemoved;
import io.inkstream.api.reply.ThreadUpdate;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The thread read model: a document per reply (guarded by the reply's event version), and a
 * document per post that lists its replies in the order they came and which of them were
 * removed. Both lists are sets, and the count is recomputed from them, so applying an event
 * twice changes nothing. Reading a thread costs two lookups by {@code _id}.
 */
@Component
@ProcessingGroup(ThreadProjection.GROUP)
public class ThreadProjection {

    static final String GROUP = "threads";
    /** The deepest level a thread shows; deeper answers are accepted and shown at this level. */
    static final int MAX_DEPTH = 50;

    private final Collections writes;
    private final ThreadViews views;
    private final QueryUpdateEmitter updates;

    @Autowired
    ThreadProjection(Generations generations, ThreadViews views, QueryUpdateEmitter updates) {
        this(generations.writing(), views, updates);
    }

    ThreadProjection(Collections writes, ThreadViews views, QueryUpdateEmitter updates) {
        this.writes = writes;
        this.views = views;
        this.updates = updates;
    }

    /** The same projection over other collections, announcing nothing: for time travel. */
    public static Object into(Collections target) {
        return new ThreadProjection(target, new ThreadViews(target), null);
    }

    @EventHandler
    void on(ReplyAdded e, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        int depth = 0;
        String shownUnder = null;
        if (e.parentReplyId() != null) {
            Document parent = await(Mono.from(writes.get(ReadModels.REPLIES).find(eq("_id", e.parentReplyId().value())).first()));
            if (parent != null && parent.getInteger("depth", 0) < MAX_DEPTH) {
                depth = parent.getInteger("depth", 0) + 1;
                shownUnder = e.parentReplyId().value();
            } else if (parent != null) {
                // Past the deepest level a thread shows, an answer stands beside its parent.
                depth = MAX_DEPTH;
                shownUnder = parent.getString("shownUnder");
            }
        }
        Document reply = new Document("postId", e.postId().value())
                .append("parentReplyId", e.parentReplyId() == null ? null : e.parentReplyId().value())
                .append("authorName", e.authorName())
                .append("authorLogin", e.authorLogin())
                .append("body", e.body())
                .append("bodyHtml", Markdown.replyHtml(e.body()))
                .append("createdAt", date(at))
                .append("editedAt", null)
                .append("removed", false)
                .append("depth", depth)
                .append("shownUnder", shownUnder)
                .append("version", sequence + 1);
        await(appliedBefore(Mono.from(writes.get(ReadModels.REPLIES).updateOne(newer(e, sequence), new Document("$set", reply),
                new UpdateOptions().upsert(true)))));
        recount(Updates.addToSet("replyIds", e.replyId().value()), e);
        announce("reply-added", e, replay);
    }

    @EventHandler
    void on(ReplyEdited e, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        await(Mono.from(writes.get(ReadModels.REPLIES).updateOne(newer(e, sequence), Updates.combine(
                Updates.set("body", e.body()), Updates.set("bodyHtml", Markdown.replyHtml(e.body())),
                Updates.set("editedAt", date(at)), Updates.set("version", sequence + 1)))));
        announce("reply-edited", e, replay);
    }

    @EventHandler
    void on(ReplyRemoved e, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        await(Mono.from(writes.get(ReadModels.REPLIES).updateOne(newer(e, sequence), Updates.combine(
                Updates.set("removed", true), Updates.set("body", null), Updates.set("bodyHtml", ""),
                Updates.set("authorName", null), Updates.set("removedAt", date(at)),
                Updates.set("version", sequence + 1)))));
        recount(Updates.addToSet("removedIds", e.replyId().value()), e);
        announce("reply-removed", e, replay);
    }

    private static org.bson.conversions.Bson newer(ReplyEvent e, long sequence) {
        return and(eq("_id", e.replyId().value()), lt("version", sequence + 1));
    }

    /** Applies a set change to the post's thread, then sets its count from the sets. */
    private void recount(org.bson.conversions.Bson change, ReplyEvent e) {
        Document thread = await(Mono.from(writes.get(ReadModels.THREADS).findOneAndUpdate(eq("_id", e.postId().value()), change,
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))));
        long count = thread.getList("replyIds", String.class, List.of()).size()
                - thread.getList("removedIds", String.class, List.of()).size();
        await(Mono.from(writes.get(ReadModels.THREADS).updateOne(eq("_id", e.postId().value()), Updates.set("replyCount", count))));
    }

    private void announce(String kind, ReplyEvent e, ReplayStatus replay) {
        if (updates == null || replay.isReplay()) {
            return; // a replayed event changed nothing a subscriber has not seen
        }
        String postId = e.postId().value();
        boolean watched = updates.activeSubscriptions().stream()
                .anyMatch(s -> s.getPayload() instanceof FetchThreadQuery q && q.postId().equals(postId));
        if (watched) {
            views.reply(e.replyId().value()).blockOptional(ReadModels.WRITE_TIMEOUT).ifPresent(reply ->
                    updates.emit(FetchThreadQuery.class, q -> q.postId().equals(postId),
                            new ThreadUpdate(kind, postId, reply)));
        }
    }
}
