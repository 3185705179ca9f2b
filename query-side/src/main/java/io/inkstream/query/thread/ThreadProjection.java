package io.inkstream.query.thread;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static io.inkstream.query.ReadModels.await;
import static io.inkstream.query.ReadModels.date;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.inkstream.api.Version;
import io.inkstream.api.privacy.CommenterErased;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.api.reply.ReplyApproved;
import io.inkstream.api.reply.ReplyEdited;
import io.inkstream.api.reply.ReplyRejected;
import io.inkstream.api.reply.ReplyRemoved;
import io.inkstream.platform.axon.BatchedWrites;
import io.inkstream.platform.privacy.Vault;
import io.inkstream.query.FeedMarks;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModelChanges;
import io.inkstream.query.ReadModels;
import io.inkstream.query.render.Markdown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The thread read model: a document per reply (guarded by the reply's event version), the
 * post's reply ids in the order they came, in pages ({@link ThreadViews#pages}), and a document per
 * post with its count, its removed replies and its last page. Pages and the removed list are
 * sets, and the count is recomputed from them, so applying an event twice changes nothing.
 *
 * <p>Writes are gathered per tracking batch and stored when it commits: a lookup of the
 * replies it answers or adds beside one of its threads' documents, one of their last pages,
 * one bulk write of pages, one unordered insert of its new replies, then beside each other a
 * bulk write of threads' documents and, for edits and removals, a lookup of versions and one
 * bulk update; where writing event by event took three round trips per event.
 */
@Component
@ProcessingGroup(ReadModels.THREAD_GROUP)
public class ThreadProjection {

    private static final Logger log = LoggerFactory.getLogger(ThreadProjection.class);


    private final Generation writes;
    /** Only the live projection gathers writes; time travel's copies write as they go. */
    private final boolean batched;
    /** Says that writes are stored: the live projection tells this instance's live feeds. */
    private final Runnable stored;
    /** Says which feeds a stored batch changed: the live projection raises their marks. */
    private final Consumer<Collection<String>> feedsChanged;

    /** Opens a commenter's sealed name and email: the read model shows them until they are erased. */
    private final Vault vault;

    @Autowired
    ThreadProjection(Generations generations, ReadModelChanges changes, FeedMarks marks, Vault vault) {
        this(generations.writing(), true, changes::stored, feeds -> marks.changed(ReadModels.THREAD_GROUP, feeds), vault);
    }

    ThreadProjection(Generation writes, boolean batched, Vault vault) {
        this(writes, batched, () -> { }, feeds -> { }, vault);
    }

    ThreadProjection(Generation writes, boolean batched, Runnable stored, Consumer<Collection<String>> feedsChanged,
            Vault vault) {
        this.writes = writes;
        this.batched = batched;
        this.stored = stored;
        this.feedsChanged = feedsChanged;
        this.vault = vault;
    }

    /** The same projection over other collections: for time travel. */
    public static Object into(Generation target, Vault vault) {
        return new ThreadProjection(target, false, vault);
    }

    /** A change to a stored reply's document, made by the event with that version. */
    record ReplyWrite(String replyId, long version, Bson update) {
    }

    /** One batch's writes, in event order. */
    static final class Batch {
        /** Edits and removals, in event order. */
        final List<ReplyWrite> replies = new ArrayList<>();
        /** Replies added in this batch, by id, in event order: parents before their answers. */
        final Map<String, Document> added = new LinkedHashMap<>();
        final Map<String, Set<String>> addedTo = new LinkedHashMap<>();
        final Map<String, Set<String>> removedFrom = new LinkedHashMap<>();
        /** Posts whose replies this batch adds, edits or removes: their replies' feeds change. */
        final Set<String> posts = new LinkedHashSet<>();
        /** Replies added held, by id: each goes into the moderation queue. */
        final Map<String, Document> held = new LinkedHashMap<>();
        /** Stored replies that answers added now wait for, by id. */
        final Map<String, List<String>> waiting = new LinkedHashMap<>();
        /** Edited replies' new HTML, by id, for those an earlier batch queued for a moderator. */
        final Map<String, String> queued = new LinkedHashMap<>();
        /** Replies whose commenter was erased: their names and emails go. */
        final Set<String> erased = new LinkedHashSet<>();
        /** Moderators' decisions, in event order. */
        final List<Decision> decisions = new ArrayList<>();
    }

    /** A moderator approved ({@code approved}) or rejected a held reply, by the event of this version. */
    record Decision(String replyId, String postId, String parentReplyId, boolean approved, long version) {
    }

    static final String PUBLISHED = "published";
    static final String PENDING = "pending";
    static final String REJECTED = "rejected";

    /** Runs {@code change} on the current batch, or on a batch of its own stored at once. */
    private void write(Consumer<Batch> change) {
        Optional<Batch> current = batched
                ? BatchedWrites.buffer(ReadModels.THREAD_GROUP, Batch::new, this::flush) : Optional.empty();
        if (current.isPresent()) {
            change.accept(current.get());
        } else {
            Batch alone = new Batch();
            change.accept(alone);
            flush(alone);
        }
    }

    @EventHandler
    void on(ReplyAdded e, @Version long version, @Timestamp Instant at) {
        log.debug("Placing reply {} in the thread of post {}", e.replyId(), e.postId());
        write(batch -> {
            // Depth and place are settled when the batch is stored, with every parent looked up at once.
            Document reply = new Document("postId", e.postId().value())
                    .append("parentReplyId", e.parentReplyId() == null ? null : e.parentReplyId().value())
                    .append("authorName", vault.open(e.authorName()))
                    .append("authorLogin", e.authorLogin())
                    .append("commenter", e.commenter())
                    .append("body", e.body())
                    .append("bodyHtml", Markdown.replyHtml(e.body()))
                    .append("createdAt", date(at))
                    .append("editedAt", null)
                    .append("removed", false)
                    .append("depth", 0)
                    .append("shownUnder", null)
                    // Shown: readers see it. A held reply is not, nor one under a reply not shown.
                    .append("status", e.held() ? PENDING : PUBLISHED)
                    .append("shown", !e.held())
                    .append("version", version);
            batch.added.put(e.replyId().value(), reply);
            if (e.held()) {
                batch.held.put(e.replyId().value(), new Document("_id", e.replyId().value())
                        .append("postId", e.postId().value())
                        .append("authorName", reply.getString("authorName"))
                        .append("authorEmail", vault.open(e.authorEmail()))
                        .append("commenter", e.commenter())
                        .append("authorLogin", e.authorLogin())
                        .append("bodyHtml", reply.getString("bodyHtml"))
                        .append("createdAt", date(at))
                        .append("reasons", e.heldFor()));
            }
            batch.addedTo.computeIfAbsent(e.postId().value(), k -> new LinkedHashSet<>()).add(e.replyId().value());
            batch.posts.add(e.postId().value());
        });
    }

    /** Settles where each added reply stands, with the places of the stored parents in {@code known}. */
    private static void place(Batch batch, Map<String, Document> known) {
        Map<String, String> parents = new LinkedHashMap<>();
        batch.added.forEach((id, reply) -> parents.put(id, reply.getString("parentReplyId")));
        Map<String, ThreadLayout.Place> stored = new HashMap<>();
        known.forEach((id, d) -> stored.put(id, new ThreadLayout.Place(d.getInteger("depth", 0), d.getString("shownUnder"))));
        ThreadLayout.place(parents, stored).forEach((id, place) ->
                batch.added.get(id).append("depth", place.depth()).append("shownUnder", place.shownUnder()));
    }

    /**
     * The stored replies a batch needs, in one lookup: the parents it answers that it did not
     * add itself, and the replies it adds that an earlier delivery of it stored already.
     */
    private Mono<Map<String, Document>> known(Batch batch) {
        Set<String> ids = new LinkedHashSet<>(batch.added.keySet());
        batch.added.values().forEach(reply -> {
            String parent = reply.getString("parentReplyId");
            if (parent != null) {
                ids.add(parent);
            }
        });
        return lookUp(ReadModels.REPLIES, ids, new Document("depth", 1).append("shownUnder", 1).append("shown", 1));
    }

    /**
     * Hides the added replies no reader sees yet (held, or under a reply not shown), and marks
     * each stored parent with the answers that wait for it. Answers the hidden ones by post.
     * Replies stored already ({@code placed}) are left as they are.
     */
    private Map<String, Set<String>> hide(Batch batch, Map<String, Document> known, Set<String> placed) {
        Map<String, String> parents = new LinkedHashMap<>();
        Set<String> held = new HashSet<>();
        batch.added.forEach((id, reply) -> {
            // One stored already was hidden, or shown, by its first delivery and the decisions since.
            // (Its queue entry is inserted again if missing: a delivery cut short between the two.)
            if (placed.contains(id)) {
                return;
            }
            parents.put(id, reply.getString("parentReplyId"));
            if (!reply.getBoolean("shown", true)) {
                held.add(id);
            }
        });
        Map<String, Boolean> storedShown = new HashMap<>();
        known.forEach((id, d) -> storedShown.put(id, d.getBoolean("shown", true)));
        ThreadLayout.Hidden hidden = ThreadLayout.hide(parents, held, storedShown);
        Map<String, Set<String>> byPost = new LinkedHashMap<>();
        hidden.hidden().forEach(id -> {
            Document reply = batch.added.get(id);
            reply.put("shown", false);
            byPost.computeIfAbsent(reply.getString("postId"), k -> new LinkedHashSet<>()).add(id);
        });
        hidden.waiting().forEach((parent, answers) -> {
            Document added = batch.added.get(parent);
            if (added != null) {
                List<String> waiting = new ArrayList<>(added.getList("waiting", String.class, List.of()));
                waiting.addAll(answers);
                added.put("waiting", waiting);
            } else {
                batch.waiting.put(parent, answers);
            }
        });
        return byPost;
    }

    /** Documents of a collection by id, in one lookup; none asked, none looked up. */
    private Mono<Map<String, Document>> lookUp(String collection, Set<String> ids, Document fields) {
        return ids.isEmpty() ? Mono.just(Map.of()) : Flux.from(writes.get(collection).find(in("_id", ids)).projection(fields))
                .collectMap(d -> d.getString("_id"), d -> d);
    }

    @EventHandler
    void on(ReplyEdited e, @Version long version, @Timestamp Instant at) {
        write(batch -> {
            String html = Markdown.replyHtml(e.body());
            batch.replies.add(new ReplyWrite(e.replyId().value(), version, Updates.combine(
                    Updates.set("body", e.body()), Updates.set("bodyHtml", html),
                    Updates.set("editedAt", date(at)), Updates.set("version", version))));
            // A held reply edited by its writer: the moderator decides on what it says now.
            Document held = batch.held.get(e.replyId().value());
            if (held != null) {
                held.put("bodyHtml", html);
            } else {
                batch.queued.put(e.replyId().value(), html);
            }
            batch.posts.add(e.postId().value());
        });
    }

    @EventHandler
    void on(ReplyApproved e, @Version long version) {
        write(batch -> {
            batch.decisions.add(new Decision(e.replyId().value(), e.postId().value(),
                    e.parentReplyId() == null ? null : e.parentReplyId().value(), true, version));
            batch.posts.add(e.postId().value());
        });
    }

    @EventHandler
    void on(ReplyRejected e, @Version long version) {
        write(batch -> batch.decisions.add(new Decision(e.replyId().value(), e.postId().value(), null, false, version)));
    }

    /**
     * A commenter was erased: their replies show {@code "[erased]"} for a name (events replayed
     * later open as that too), and the queue keeps neither their name nor their email.
     */
    @EventHandler
    void on(CommenterErased e) {
        write(batch -> {
            e.replies().forEach(reply -> batch.erased.add(reply.value()));
            e.posts().forEach(post -> batch.posts.add(post.value()));
        });
    }

    @EventHandler
    void on(ReplyRemoved e, @Version long version, @Timestamp Instant at) {
        write(batch -> {
            batch.replies.add(new ReplyWrite(e.replyId().value(), version, Updates.combine(
                    Updates.set("removed", true), Updates.set("body", null), Updates.set("bodyHtml", ""),
                    Updates.set("authorName", null), Updates.set("removedAt", date(at)),
                    Updates.set("version", version))));
            batch.removedFrom.computeIfAbsent(e.postId().value(), k -> new LinkedHashSet<>()).add(e.replyId().value());
            batch.posts.add(e.postId().value());
        });
    }

    /**
     * Stores a batch: its replies' places in their threads' pages, the replies, then each
     * thread's document (last page, count, removed replies). The counts are worked out from the
     * pages and sets as read before this batch: one writer per thread (the processor's segments
     * follow the post, see {@link ThreadProcessing}).
     *
     * <p>Pages first: once a reply's document is readable, its thread lists it, so a reader who
     * missed its live update (the live feed waits for the document) has it in a snapshot. A reply
     * whose document is stored was placed by an earlier delivery of this batch; one that is not
     * can have been placed only in the pages from the last the thread's document names, which
     * is written after the replies, and those pages are read.
     */
    private void flush(Batch batch) {
        Set<String> posts = new LinkedHashSet<>(batch.addedTo.keySet());
        posts.addAll(batch.removedFrom.keySet());
        Document fields = new Document("lastPage", 1).append("removedCount", 1).append("hiddenCount", 1);
        if (!batch.removedFrom.isEmpty()) {
            fields.append("removedIds", 1).append("hiddenIds", 1);
        }
        // Both lookups at once: neither needs the other.
        var before = await(Mono.zip(known(batch), lookUp(ReadModels.THREADS, posts, fields)));
        Map<String, Document> known = before.getT1();
        place(batch, known);
        Set<String> placed = new HashSet<>(batch.added.keySet());
        placed.retainAll(known.keySet());
        Map<String, Set<String>> hidden = hide(batch, known, placed);
        Map<String, Document> threadsBefore = new HashMap<>(before.getT2());
        if (!hidden.isEmpty() && batch.removedFrom.isEmpty()) {
            // Only a batch that hides replies needs the hidden sets (removals read them above).
            await(lookUp(ReadModels.THREADS, hidden.keySet(), new Document("hiddenIds", 1)))
                    .forEach((post, d) -> threadsBefore.computeIfAbsent(post, k -> new Document())
                            .put("hiddenIds", d.get("hiddenIds")));
        }
        List<WriteModel<Document>> threads = writePages(batch, posts, threadsBefore, placed, hidden);
        MongoCollection<Document> replies = writes.get(ReadModels.REPLIES);
        List<Document> created = new ArrayList<>();
        batch.added.forEach((id, reply) -> {
            if (!placed.contains(id)) {
                Document document = new Document("_id", id);
                document.putAll(reply);
                created.add(document);
            }
        });
        if (!created.isEmpty()) {
            await(ReadModels.insertNew(replies, created));
        }
        List<WriteModel<Document>> waits = new ArrayList<>();
        batch.waiting.forEach((parent, answers) -> waits.add(new UpdateOneModel<>(eq("_id", parent),
                Updates.addEachToSet("waiting", answers))));
        // Queue entries edited after an earlier batch queued them; one queued in this batch is
        // inserted as edited.
        List<WriteModel<Document>> queueEdits = new ArrayList<>();
        batch.queued.forEach((id, html) -> queueEdits.add(new UpdateOneModel<>(eq("_id", id), Updates.set("bodyHtml", html))));
        MongoCollection<Document> queue = writes.get(ReadModels.MODERATION);
        // Edits and removals, waiting answers, the threads' documents and the moderation queue,
        // at once: they touch different documents.
        await(Mono.when(batch.replies.isEmpty() ? Mono.empty() : writeNewer(batch.replies),
                waits.isEmpty() ? Mono.empty() : Mono.from(replies.bulkWrite(waits, new BulkWriteOptions().ordered(false))),
                threads.isEmpty() ? Mono.empty()
                        : Mono.from(writes.get(ReadModels.THREADS).bulkWrite(threads, new BulkWriteOptions().ordered(false))),
                batch.held.isEmpty() ? Mono.empty() : ReadModels.insertNew(queue, List.copyOf(batch.held.values())),
                queueEdits.isEmpty() ? Mono.empty()
                        : Mono.from(queue.bulkWrite(queueEdits, new BulkWriteOptions().ordered(false)))));
        new ThreadDecisions(writes).apply(batch.decisions);
        if (!batch.erased.isEmpty()) {
            erase(batch.erased);
        }
        stored.run();
        feedsChanged.accept(batch.posts.stream().map(FeedMarks::replies).toList());
    }

    /**
     * Writes the batch's new replies into their threads' pages, as {@link ThreadLayout} lays them
     * out, and answers the writes of the threads' documents that go with them.
     */
    private List<WriteModel<Document>> writePages(Batch batch, Set<String> posts, Map<String, Document> before,
            Set<String> placed, Map<String, Set<String>> hidden) {
        if (posts.isEmpty()) {
            return List.of();
        }
        Map<String, ThreadViews.PageRange> ranges = new HashMap<>();
        posts.forEach(post -> {
            int last = ThreadViews.lastPage(before.getOrDefault(post, new Document()));
            ranges.put(post, new ThreadViews.PageRange(last, last));
        });
        Map<String, NavigableMap<Integer, List<String>>> pages =
                await(ThreadViews.pages(writes.get(ReadModels.THREAD_PAGES), ranges));
        List<WriteModel<Document>> pageWrites = new ArrayList<>();
        List<WriteModel<Document>> threadWrites = new ArrayList<>();
        for (String post : posts) {
            Document thread = before.getOrDefault(post, new Document());
            List<String> fresh = batch.addedTo.getOrDefault(post, Set.of()).stream().filter(id -> !placed.contains(id)).toList();
            ThreadLayout.Appended appended = ThreadLayout.append(ranges.get(post).first(), pages.get(post), fresh);
            appended.pages().forEach((n, ids) -> pageWrites.add(new UpdateOneModel<>(eq("_id", ThreadViews.pageId(post, n)),
                    Updates.combine(Updates.set("postId", post), Updates.set("page", n), Updates.addEachToSet("replyIds", ids)),
                    new UpdateOptions().upsert(true))));
            Set<String> gone = batch.removedFrom.getOrDefault(post, Set.of());
            Number before0 = thread.get("removedCount", Number.class);
            long removed = ThreadLayout.removed(before0 == null ? 0 : before0.longValue(),
                    thread.getList("removedIds", String.class, List.of()), gone);
            Number hiddenBefore = thread.get("hiddenCount", Number.class);
            long hiddenCount = hiddenBefore == null ? 0 : hiddenBefore.longValue();
            List<Bson> changes = new ArrayList<>(List.of(Updates.max("lastPage", appended.last()),
                    Updates.set("removedCount", removed)));
            Set<String> hiding = hidden.getOrDefault(post, Set.of());
            if (!hiding.isEmpty() || !gone.isEmpty()) {
                Set<String> after = ThreadLayout.hiddenAfter(thread.getList("hiddenIds", String.class, List.of()),
                        hiding, gone, Set.of());
                hiddenCount = after.size();
                changes.add(Updates.set("hiddenIds", List.copyOf(after)));
                changes.add(Updates.set("hiddenCount", hiddenCount));
            }
            changes.add(Updates.set("replyCount", ThreadLayout.shown(appended.listed(), removed, hiddenCount)));
            if (!gone.isEmpty()) {
                changes.add(Updates.addEachToSet("removedIds", List.copyOf(gone)));
            }
            threadWrites.add(new UpdateOneModel<>(eq("_id", post), Updates.combine(changes), new UpdateOptions().upsert(true)));
        }
        if (!pageWrites.isEmpty()) {
            await(Mono.from(writes.get(ReadModels.THREAD_PAGES).bulkWrite(pageWrites, new BulkWriteOptions().ordered(false))));
        }
        return threadWrites;
    }

    /** Scrubs erased commenters' replies; a removed reply, which shows no name, stays as it is. */
    private void erase(Set<String> replyIds) {
        List<String> shown = await(lookUp(ReadModels.REPLIES, replyIds, new Document("removed", 1))).values().stream()
                .filter(d -> !d.getBoolean("removed", false)).map(d -> d.getString("_id")).toList();
        await(Mono.when(shown.isEmpty() ? Mono.empty()
                        : Mono.from(writes.get(ReadModels.REPLIES).updateMany(in("_id", shown),
                                Updates.set("authorName", Vault.ERASED))),
                Mono.from(writes.get(ReadModels.MODERATION).updateMany(in("_id", List.copyOf(replyIds)),
                        Updates.combine(Updates.set("authorName", Vault.ERASED), Updates.set("authorEmail", Vault.ERASED))))));
    }

    /**
     * Writes each change whose version is newer than its stored document's: the stored versions
     * are read in one lookup by {@code _id}, and the writes address documents by {@code _id} alone.
     * (A filter on {@code _id} plus version would do the same check in MongoDB, but the
     * embedded server scans the whole collection for any filter that is not exactly an index.)
     * One writer per reply is guaranteed by the processor's segment claim.
     */
    private Mono<Void> writeNewer(List<ReplyWrite> changes) {
        Set<String> ids = new LinkedHashSet<>();
        changes.forEach(c -> ids.add(c.replyId()));
        MongoCollection<Document> target = writes.get(ReadModels.REPLIES);
        return lookUp(ReadModels.REPLIES, ids, new Document("version", 1)).flatMap(stored -> {
            Map<String, Long> versions = new HashMap<>();
            stored.forEach((id, d) -> versions.put(id, d.get("version", Number.class).longValue()));
            List<WriteModel<Document>> models = new ArrayList<>();
            for (ReplyWrite change : changes) {
                Long version = versions.get(change.replyId());
                if (version != null && version < change.version()) {
                    models.add(new UpdateOneModel<>(eq("_id", change.replyId()), change.update()));
                    versions.put(change.replyId(), change.version());
                }
            }
            return models.isEmpty() ? Mono.<Void>empty()
                    : Mono.from(target.bulkWrite(models, new BulkWriteOptions().ordered(true))).then();
        });
    }
}
