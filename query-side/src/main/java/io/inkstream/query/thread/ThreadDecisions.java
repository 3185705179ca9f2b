package io.inkstream.query.thread;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static io.inkstream.query.ReadModels.await;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.inkstream.query.Generation;
import io.inkstream.query.ReadModels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moderators' decisions in the thread read model, one after another (a handful a day, where
 * replies come by the thousand). An approval shows the reply, unless its parent is not shown
 * yet (it then waits for it), and with it every answer that waited for it and is not held
 * itself; the thread's hidden set and count follow. A rejection leaves the reply unseen. Either
 * takes the reply out of the moderation queue.
 *
 * <p>Applied twice, a decision changes nothing: the reply's document, written last, carries
 * the version of the event, and a decision it already holds is skipped; one cut short before
 * that is done again, and the hidden set is set, not counted down.
 */
final class ThreadDecisions {

    private final Generation writes;

    ThreadDecisions(Generation writes) {
        this.writes = writes;
    }

    void apply(List<ThreadProjection.Decision> decisions) {
        decisions.forEach(this::apply);
    }

    private void apply(ThreadProjection.Decision decision) {
        MongoCollection<Document> replies = writes.get(ReadModels.REPLIES);
        Document reply = find(decision.replyId(), new Document("version", 1).append("waiting", 1));
        if (reply != null && reply.get("version", Number.class).longValue() < decision.version()) {
            if (!decision.approved()) {
                await(Mono.from(replies.updateOne(eq("_id", decision.replyId()), Updates.combine(
                        Updates.set("status", ThreadProjection.REJECTED), Updates.set("version", decision.version())))));
            } else {
                approve(decision, reply);
            }
        }
        await(Mono.from(writes.get(ReadModels.MODERATION).deleteOne(eq("_id", decision.replyId()))));
    }

    private void approve(ThreadProjection.Decision decision, Document reply) {
        MongoCollection<Document> replies = writes.get(ReadModels.REPLIES);
        String parentId = decision.parentReplyId();
        Document parent = parentId == null ? null : find(parentId, new Document("shown", 1));
        if (parent != null && !parent.getBoolean("shown", true)) {
            await(Mono.from(replies.updateOne(eq("_id", parentId), Updates.addToSet("waiting", decision.replyId()))));
            await(Mono.from(replies.updateOne(eq("_id", decision.replyId()), Updates.combine(
                    Updates.set("status", ThreadProjection.PUBLISHED), Updates.set("version", decision.version())))));
            return;
        }
        List<String> released = released(reply.getList("waiting", String.class, List.of()));
        if (!released.isEmpty()) {
            await(Mono.from(replies.updateMany(in("_id", released), Updates.set("shown", true))));
        }
        Set<String> shown = new LinkedHashSet<>(released);
        shown.add(decision.replyId());
        MongoCollection<Document> threads = writes.get(ReadModels.THREADS);
        Document thread = await(Mono.from(threads.find(eq("_id", decision.postId()))
                .projection(new Document("hiddenIds", 1).append("replyCount", 1)).first()));
        if (thread != null) {
            List<String> before = thread.getList("hiddenIds", String.class, List.of());
            Set<String> after = ThreadLayout.hiddenAfter(before, Set.of(), Set.of(), shown);
            Number count = thread.get("replyCount", Number.class);
            await(Mono.from(threads.updateOne(eq("_id", decision.postId()), Updates.combine(
                    Updates.set("hiddenIds", List.copyOf(after)), Updates.set("hiddenCount", (long) after.size()),
                    Updates.set("replyCount", (count == null ? 0 : count.longValue()) + before.size() - after.size())))));
        }
        await(Mono.from(replies.updateOne(eq("_id", decision.replyId()), Updates.combine(
                Updates.set("status", ThreadProjection.PUBLISHED), Updates.set("shown", true),
                Updates.set("released", released), Updates.set("version", decision.version())))));
    }

    /**
     * The answers an approval shows, level by level: those waiting that are not held themselves
     * (a held one waits for its own approval), and the ones waiting for them. Each reply has
     * one parent, so each is looked at once.
     */
    private List<String> released(List<String> waiting) {
        List<String> released = new ArrayList<>();
        List<String> level = waiting;
        while (!level.isEmpty()) {
            List<String> next = new ArrayList<>();
            await(Flux.from(writes.get(ReadModels.REPLIES).find(in("_id", level))
                            .projection(new Document("status", 1).append("waiting", 1)))
                    .doOnNext(d -> {
                        if (ThreadProjection.PUBLISHED.equals(d.getString("status"))) {
                            released.add(d.getString("_id"));
                            next.addAll(d.getList("waiting", String.class, List.of()));
                        }
                    })
                    .then());
            level = next;
        }
        return released;
    }

    private Document find(String replyId, Document fields) {
        return await(Mono.from(writes.get(ReadModels.REPLIES).find(eq("_id", replyId)).projection(fields).first()));
    }
}
