package io.inkstream.query.thread;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A thread's reply ids, in the order the replies came, kept in pages of {@value ThreadLayout#PAGE_SIZE}: page
 * {@code n} of a post is the document {@code postId/n} of {@code thread_pages}, and every page
 * before the last is full. Adding a reply rewrites one small page, where one list per thread
 * made every reply rewrite (and read, and send twice over the wire) the whole thread, so a
 * projection fell further behind the longer a thread grew.
 *
 * <p>The thread's document says which page was last when it was written; it is written after
 * the pages, so the pages after it are looked for too ({@link #read}).
 */
final class ThreadPages {

    /** Pages looked up at once past the last one the thread's document names. */
    static final int AHEAD = 3;

    private ThreadPages() {
    }

    static String id(String postId, int page) {
        return postId + "/" + page;
    }

    /** Which pages of a post to read: {@code first} on, to {@code last} and whatever follows it. */
    record Range(int first, int last) {
    }

    /**
     * The pages of each post in its range, by number: one lookup, and another for each post
     * whose last page looked for was there.
     */
    static Mono<Map<String, NavigableMap<Integer, List<String>>>> read(MongoCollection<Document> pages,
            Map<String, Range> ranges) {
        Map<String, NavigableMap<Integer, List<String>>> found = new HashMap<>();
        ranges.keySet().forEach(post -> found.put(post, new TreeMap<>()));
        return lookUp(pages, ranges, found).thenReturn(found);
    }

    private static Mono<Void> lookUp(MongoCollection<Document> pages, Map<String, Range> ranges,
            Map<String, NavigableMap<Integer, List<String>>> found) {
        if (ranges.isEmpty()) {
            return Mono.empty();
        }
        List<String> ids = new ArrayList<>();
        ranges.forEach((post, range) -> {
            for (int n = range.first(); n < range.last() + AHEAD; n++) {
                ids.add(id(post, n));
            }
        });
        return Flux.from(pages.find(in("_id", ids)))
                .doOnNext(d -> found.get(d.getString("postId"))
                        .put(d.getInteger("page"), d.getList("replyIds", String.class, List.of())))
                .then(Mono.defer(() -> {
                    Map<String, Range> more = new HashMap<>();
                    ranges.forEach((post, range) -> {
                        int end = range.last() + AHEAD;
                        if (found.get(post).containsKey(end - 1)) {
                            more.put(post, new Range(end, end));
                        }
                    });
                    return lookUp(pages, more, found);
                }));
    }

    /** Which page the thread's document names as last; 0 for a thread without pages. */
    static int last(Document thread) {
        Number last = thread.get("lastPage", Number.class);
        return last == null ? 0 : last.intValue();
    }
}
