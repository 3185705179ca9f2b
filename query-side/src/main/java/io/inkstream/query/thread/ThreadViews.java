package io.inkstream.query.thread;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.reactivestreams.client.MongoCollection;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.FetchThreadQuery;
import io.inkstream.api.reply.ReplyAuthor;
import io.inkstream.api.reply.ReplyView;
import io.inkstream.api.reply.ThreadView;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.PageCache;
import io.inkstream.query.ReadModelIndexes;
import io.inkstream.query.ReadModels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads threads, and answers {@link FetchThreadQuery}: the reply ids (in pages, {@link #pages}), then the replies by {@code _id}. */
@Component
public class ThreadViews {

    private static final Comparator<Document> OLDEST_FIRST = Comparator
            .comparing((Document d) -> d.getDate("createdAt"))
            .thenComparing(d -> d.getString("_id"));

    private final Generation reads;
    private final AuthorNames names;

    @Autowired
    ThreadViews(Generations generations, ReadModelIndexes indexes, PageCache pages) {
        this(generations.reading(), pages::authorChanges);
    }

    /** Views over any set of collections: the live ones, or scratch ones for time travel. */
    public ThreadViews(Generation reads) {
        this(reads, () -> 0);
    }

    private ThreadViews(Generation reads, LongSupplier authorChanges) {
        this.reads = reads;
        this.names = new AuthorNames(reads, authorChanges);
    }

    /**
     * A reply and the version of it the read model holds; whether readers see it, and the
     * answers its approval showed with it.
     */
    public record Versioned(ReplyView view, long version, boolean shown, List<String> released) {
    }

    /** The replies of these ids that the read model holds, by id: one lookup, and one of their authors. */
    public Mono<Map<String, Versioned>> replies(List<String> replyIds) {
        return Flux.from(reads.get(ReadModels.REPLIES).find(in("_id", replyIds)).batchSize(CHUNK))
                .collectList()
                .flatMap(names::onto)
                .map(docs -> {
                    Map<String, Versioned> found = new HashMap<>();
                    docs.forEach(d -> found.put(d.getString("_id"),
                            new Versioned(view(d, List.of(), false), d.get("version", Number.class).longValue(),
                                    shown(d), d.getList("released", String.class, List.of()))));
                    return found;
                });
    }

    /**
     * Replies read per lookup. No read holds a whole thread in one MongoDB answer (the embedded
     * server sends a whole batch as one message, at most 48 MB): at the longest body and its
     * HTML, a hundred replies make a few megabytes.
     */
    static final int CHUNK = 100;
    /** Reply ids asked for at once when only where replies stand is read. */
    private static final int OUTLINE_CHUNK = 1_000;
    /** What places a reply in its thread: a few dozen bytes a reply, where its body can be 10 KB and more. */
    private static final Document PLACE = new Document("parentReplyId", 1).append("shownUnder", 1)
            .append("createdAt", 1).append("removed", 1).append("shown", 1).append("status", 1);

    /** Whether readers see a reply: not while it, or a reply above it, waits for a moderator. */
    static boolean shown(Document d) {
        return d.getBoolean("shown", true);
    }

    /**
     * What a post's moderators see of its replies (oldest first): every one but a rejected one
     * and the answers under it, which nobody will ever see.
     */
    private static List<Document> moderated(List<Document> oldestFirst) {
        Set<String> rejected = new HashSet<>();
        List<Document> seen = new ArrayList<>(oldestFirst.size());
        for (Document d : oldestFirst) {
            if (ThreadProjection.REJECTED.equals(d.getString("status")) || rejected.contains(d.getString("parentReplyId"))) {
                rejected.add(d.getString("_id"));
            } else {
                seen.add(d);
            }
        }
        return seen;
    }

    /** A thread's replies in reading order (depth first, oldest first), and how many are shown. */
    record Outline(List<String> order, long shown) {
    }

    /**
     * Where every reply of the post stands, without their bodies: read in lookups of
     * {@value #OUTLINE_CHUNK} ids, placed in reading order without recursion.
     */
    Mono<Outline> outline(PostId postId, boolean withHeld) {
        return replyIds(postId).flatMap(ids -> Flux.fromIterable(ids).buffer(OUTLINE_CHUNK)
                .concatMap(chunk -> Flux.from(reads.get(ReadModels.REPLIES).find(in("_id", chunk)).projection(PLACE)
                        .batchSize(OUTLINE_CHUNK)))
                .collectSortedList(OLDEST_FIRST)
                .map(docs -> order(docs, withHeld)));
    }

    /** Replies in reading order: those readers see, or with {@code withHeld} those its moderators see. */
    private static Outline order(List<Document> all, boolean withHeld) {
        long shown = all.stream().filter(d -> shown(d) && !d.getBoolean("removed", false)).count();
        List<Document> docs = withHeld ? moderated(all) : all.stream().filter(ThreadViews::shown).toList();
        Placement<String> placed = Placement.of(docs, d -> d.getString("_id"));
        List<String> order = new ArrayList<>(docs.size());
        Deque<String> left = new ArrayDeque<>();
        for (int i = placed.roots().size() - 1; i >= 0; i--) {
            left.push(placed.roots().get(i));
        }
        while (!left.isEmpty()) {
            String id = left.pop();
            order.add(id);
            List<String> answers = placed.under(id);
            for (int i = answers.size() - 1; i >= 0; i--) {
                left.push(answers.get(i));
            }
        }
        return new Outline(order, shown);
    }

    /**
     * Replies at the top and replies under each parent, in the order given. A reply whose parent
     * is not among them stands at the top: on a page, below a parent on an earlier page; in a
     * thread, an answer to a reply this read model does not hold.
     */
    private record Placement<T>(List<T> roots, Map<String, List<T>> children) {

        static <T> Placement<T> of(List<Document> docs, Function<Document, T> as) {
            Set<String> here = new HashSet<>();
            docs.forEach(d -> here.add(d.getString("_id")));
            List<T> roots = new ArrayList<>();
            Map<String, List<T>> children = new HashMap<>();
            for (Document d : docs) {
                String parent = placedUnder(d);
                if (parent != null && here.contains(parent)) {
                    children.computeIfAbsent(parent, p -> new ArrayList<>()).add(as.apply(d));
                } else {
                    roots.add(as.apply(d));
                }
            }
            return new Placement<>(roots, children);
        }

        List<T> under(String replyId) {
            return children.getOrDefault(replyId, List.of());
        }
    }

    /** Where the projection placed a reply; its real parent for replies stored before that. */
    private static String placedUnder(Document d) {
        return d.containsKey("shownUnder") ? d.getString("shownUnder") : d.getString("parentReplyId");
    }

    /** These replies' documents, in this order: one lookup. */
    private Mono<List<Document>> documents(List<String> ids) {
        return Flux.from(reads.get(ReadModels.REPLIES).find(in("_id", ids)).batchSize(CHUNK))
                .collectMap(d -> d.getString("_id"))
                .map(found -> ids.stream().map(found::get).filter(Objects::nonNull).toList())
                .flatMap(names::onto);
    }

    /** Pages looked up at once past the last one the thread's document names. */
    static final int AHEAD = 3;

    static String pageId(String postId, int page) {
        return postId + "/" + page;
    }

    /** Which pages of a post to read: {@code first} on, to {@code last} and whatever follows it. */
    record PageRange(int first, int last) {
    }

    /**
     * The pages of each post in its range, by number: one lookup, and another for each post
     * whose last page looked for was there. A thread's reply ids, in the order the replies came,
     * are kept in pages of {@value ThreadLayout#PAGE_SIZE}: page {@code n} of a post is the
     * document {@code postId/n} of {@code thread_pages}, every page before the last full, so
     * adding a reply rewrites one small page, not a list as long as the thread. The thread's
     * document names the last page as it was when it was written, after the pages: the pages
     * after it are looked for too.
     */
    static Mono<Map<String, NavigableMap<Integer, List<String>>>> pages(MongoCollection<Document> pages,
            Map<String, PageRange> ranges) {
        Map<String, NavigableMap<Integer, List<String>>> found = new HashMap<>();
        ranges.keySet().forEach(post -> found.put(post, new TreeMap<>()));
        return lookUpPages(pages, ranges, found).thenReturn(found);
    }

    private static Mono<Void> lookUpPages(MongoCollection<Document> pages, Map<String, PageRange> ranges,
            Map<String, NavigableMap<Integer, List<String>>> found) {
        if (ranges.isEmpty()) {
            return Mono.empty();
        }
        List<String> ids = new ArrayList<>();
        ranges.forEach((post, range) -> {
            for (int n = range.first(); n < range.last() + AHEAD; n++) {
                ids.add(pageId(post, n));
            }
        });
        return Flux.from(pages.find(in("_id", ids)))
                .doOnNext(d -> found.get(d.getString("postId"))
                        .put(d.getInteger("page"), d.getList("replyIds", String.class, List.of())))
                .then(Mono.defer(() -> {
                    Map<String, PageRange> more = new HashMap<>();
                    ranges.forEach((post, range) -> {
                        int end = range.last() + AHEAD;
                        if (found.get(post).containsKey(end - 1)) {
                            more.put(post, new PageRange(end, end));
                        }
                    });
                    return lookUpPages(pages, more, found);
                }));
    }

    /** Which page the thread's document names as last; 0 for a thread without pages. */
    static int lastPage(Document thread) {
        Number last = thread.get("lastPage", Number.class);
        return last == null ? 0 : last.intValue();
    }

    /**
     * The ids of every reply the post ever had, removed ones included, in the order they came:
     * the thread's pages up to the last its document names, and any written since.
     */
    public Mono<List<String>> replyIds(PostId postId) {
        return Mono.from(reads.get(ReadModels.THREADS).find(eq("_id", postId.value()))
                        .projection(new Document("lastPage", 1)).first())
                .defaultIfEmpty(new Document())
                .flatMap(thread -> pages(reads.get(ReadModels.THREAD_PAGES),
                                Map.of(postId.value(), new PageRange(0, lastPage(thread))))
                        .map(found -> {
                            Set<String> ids = new LinkedHashSet<>();
                            found.get(postId.value()).values().forEach(ids::addAll);
                            return List.copyOf(ids);
                        }));
    }

    /**
     * The post's {@code count} newest shown replies, newest first, for its feed: read from its
     * last two pages of ids (a page holds {@value ThreadLayout#PAGE_SIZE}), so the cost does not grow with
     * the thread; removed replies among them are left out.
     */
    public Mono<List<ReplyView>> newest(PostId postId, int count) {
        return Mono.from(reads.get(ReadModels.THREADS).find(eq("_id", postId.value()))
                        .projection(new Document("lastPage", 1)).first())
                .defaultIfEmpty(new Document())
                .flatMap(thread -> {
                    int last = lastPage(thread);
                    return pages(reads.get(ReadModels.THREAD_PAGES),
                            Map.of(postId.value(), new PageRange(Math.max(0, last - 1), last)));
                })
                .flatMap(found -> {
                    List<String> ids = new ArrayList<>();
                    found.getOrDefault(postId.value(), new TreeMap<>()).values().forEach(ids::addAll);
                    List<String> recent = new ArrayList<>(ids.subList(Math.max(0, ids.size() - 2 * count), ids.size()));
                    Collections.reverse(recent);
                    return recent.isEmpty() ? Mono.just(List.<Document>of()) : documents(recent);
                })
                .map(docs -> docs.stream().filter(d -> shown(d) && !d.getBoolean("removed", false)).limit(count)
                        .map(d -> view(d, List.of(), false)).toList());
    }

    /** The page a query asks for: the initial result of a live thread, too. */
    @QueryHandler
    CompletableFuture<ThreadView> handle(FetchThreadQuery query) {
        return page(query.postId(), query.cursor(), query.limit(), query.withHeld()).toFuture();
    }

    /**
     * One page of the thread: up to {@code limit} replies in reading order after the reply the
     * cursor names (from the start without one), each nested under its parent where the parent
     * is on the page, at the top of the page where it is not; and the cursor of the next page,
     * or null on the last. A reply added before the cursor's reply meanwhile is not on a later
     * page; the live stream tells it.
     */
    public Mono<ThreadView> page(PostId postId, String cursor, int limit, boolean withHeld) {
        return outline(postId, withHeld).flatMap(outline -> {
            int from = 0;
            if (cursor != null) {
                int at = outline.order().indexOf(ThreadCursor.decode(cursor));
                if (at < 0) {
                    return Mono.error(ThreadCursor.invalid());
                }
                from = at + 1;
            }
            int to = Math.min(outline.order().size(), from + limit);
            List<String> ids = outline.order().subList(from, to);
            String next = to < outline.order().size() && to > from ? ThreadCursor.encode(ids.get(ids.size() - 1)) : null;
            Mono<List<Document>> docs = ids.isEmpty() ? Mono.just(List.of()) : documents(List.copyOf(ids));
            return docs.map(page -> new ThreadView(postId, outline.shown(), nested(page, withHeld), next));
        });
    }

    /** The nested thread, whole: for time travel, which rebuilds one post in scratch collections. */
    public Mono<ThreadView> thread(PostId postId) {
        return outline(postId, false).flatMap(outline -> Flux.fromIterable(outline.order()).buffer(CHUNK)
                .concatMap(this::documents)
                .concatMapIterable(docs -> docs)
                .collectList()
                .map(docs -> new ThreadView(postId, outline.shown(), nested(docs, false), null)));
    }

    /** Replies in reading order, each under its parent where the parent is among them. */
    private static List<ReplyView> nested(List<Document> docs, boolean withStatus) {
        Placement<Document> placed = Placement.of(docs, d -> d);
        return placed.roots().stream().map(d -> nest(d, placed, withStatus)).toList();
    }

    /**
     * The thread in reading order, depth first, each reply without its answers nested: read
     * {@value #CHUNK} replies at a time, the next only once the reader has taken the last, so
     * a reader that stops reading holds one chunk, not the thread.
     */
    public Flux<ReplyView> flat(PostId postId, boolean withHeld) {
        return outline(postId, withHeld).flatMapMany(outline -> Flux.fromIterable(outline.order()).buffer(CHUNK))
                .concatMap(this::documents, 1)
                .concatMapIterable(docs -> docs.stream().map(d -> view(d, List.of(), withHeld)).toList(), 1);
    }

    private static ReplyView nest(Document d, Placement<Document> placed, boolean withStatus) {
        List<ReplyView> answers = placed.under(d.getString("_id")).stream()
                .map(c -> nest(c, placed, withStatus)).toList();
        return view(d, answers, withStatus);
    }

    /**
     * A reply as shown: one by an author carries the author, verified by login, under their
     * display name; an anonymous one only the name its writer gave.
     */
    private static ReplyView view(Document d, List<ReplyView> answers, boolean withStatus) {
        String displayName = d.getString(AuthorNames.FIELD);
        ReplyAuthor author = displayName == null ? null : new ReplyAuthor(d.getString("authorLogin"), displayName);
        String parent = d.getString("parentReplyId");
        return new ReplyView(new ReplyId(d.getString("_id")), parent == null ? null : new ReplyId(parent),
                author == null ? d.getString("authorName") : displayName, author, d.getString("bodyHtml"), ReadModels.instant(d, "createdAt"), ReadModels.instant(d, "editedAt"),
                d.getBoolean("removed", false), d.getInteger("depth", 0), answers,
                withStatus ? d.get("status", ThreadProjection.PUBLISHED) : null);
    }
}
