package io.inkstream.query.thread;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.ThreadView;
import io.inkstream.query.Collections;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModelIndexes;
import io.inkstream.query.ReadModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads threads: the post's reply ids ({@link ThreadPages}), then the replies by {@code _id}. */
@Component
public class ThreadViews {

    private static final Comparator<Document> OLDEST_FIRST = Comparator
            .comparing((Document d) -> d.getDate("createdAt"))
            .thenComparing(d -> d.getString("_id"));

    private final Collections reads;

    @Autowired
    ThreadViews(Generations generations, ReadModelIndexes indexes) {
        this(generations.reading());
    }

    /** Views over any set of collections: the live ones, or scratch ones for time travel. */
    public ThreadViews(Collections reads) {
        this.reads = reads;
    }

    /** A reply and the version of it the read model holds. */
    record Versioned(ReplyView view, long version) {
    }

    /** The replies of these ids that the read model holds, by id: one lookup. */
    Mono<Map<String, Versioned>> replies(List<String> replyIds) {
        return Flux.from(reads.get(ReadModels.REPLIES).find(in("_id", replyIds)))
                .collectMap(d -> d.getString("_id"),
                        d -> new Versioned(view(d, List.of()), d.get("version", Number.class).longValue()));
    }

    /** Every reply of the post, oldest first. */
    Mono<List<Document>> documents(String postId) {
        return replyIds(postId)
                .filter(ids -> !ids.isEmpty())
                .flatMap(ids -> Flux.from(reads.get(ReadModels.REPLIES).find(in("_id", ids))).collectSortedList(OLDEST_FIRST))
                .defaultIfEmpty(List.of());
    }

    /**
     * The ids of every reply the post ever had, removed ones included, in the order they came:
     * the thread's pages up to the last its document names, and any written since.
     */
    public Mono<List<String>> replyIds(String postId) {
        return Mono.from(reads.get(ReadModels.THREADS).find(eq("_id", postId))
                        .projection(new Document("lastPage", 1).append("replyIds", 1)).first())
                .defaultIfEmpty(new Document())
                .flatMap(thread -> ThreadPages.read(reads.get(ReadModels.THREAD_PAGES),
                                Map.of(postId, new ThreadPages.Range(0, ThreadPages.last(thread))))
                        .map(found -> {
                            Set<String> ids = new LinkedHashSet<>(ThreadPages.unpaged(thread));
                            found.get(postId).values().forEach(ids::addAll);
                            return List.copyOf(ids);
                        }));
    }

    /** The nested thread: top-level replies oldest first, each followed by its answers. */
    public Mono<ThreadView> thread(String postId) {
        return documents(postId).map(docs -> {
            Map<String, List<Document>> children = new HashMap<>();
            List<Document> roots = new ArrayList<>();
            for (Document d : docs) {
                // Where the projection placed it; its real parent for replies stored before that.
                String parent = d.containsKey("shownUnder") ? d.getString("shownUnder") : d.getString("parentReplyId");
                if (parent == null) {
                    roots.add(d);
                } else {
                    children.computeIfAbsent(parent, p -> new ArrayList<>()).add(d);
                }
            }
            long visible = docs.stream().filter(d -> !d.getBoolean("removed", false)).count();
            return new ThreadView(postId, visible, roots.stream().map(d -> nest(d, children)).toList());
        });
    }

    /** The thread in reading order, depth first, each reply without its answers nested. */
    Flux<ReplyView> flat(String postId) {
        return thread(postId).flatMapIterable(t -> {
            List<ReplyView> out = new ArrayList<>();
            t.replies().forEach(r -> flatten(r, out));
            return out;
        });
    }

    private static void flatten(ReplyView reply, List<ReplyView> out) {
        out.add(new ReplyView(reply.replyId(), reply.parentReplyId(), reply.authorName(), reply.bodyHtml(),
                reply.createdAt(), reply.editedAt(), reply.removed(), reply.depth(), List.of()));
        reply.replies().forEach(r -> flatten(r, out));
    }

    private static ReplyView nest(Document d, Map<String, List<Document>> children) {
        List<ReplyView> answers = children.getOrDefault(d.getString("_id"), List.of()).stream()
                .map(c -> nest(c, children)).toList();
        return view(d, answers);
    }

    private static ReplyView view(Document d, List<ReplyView> answers) {
        return new ReplyView(d.getString("_id"), d.getString("parentReplyId"), d.getString("authorName"),
                d.getString("bodyHtml"), ReadModels.instant(d, "createdAt"), ReadModels.instant(d, "editedAt"),
                d.getBoolean("removed", false), d.getInteger("depth", 0), answers);
    }
}
