package io.inkstream.query.thread;

import static com.mongodb.client.model.Filters.in;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkstream.query.Generation;
import io.inkstream.query.PageCache;
import io.inkstream.query.ReadModels;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The display names replies by authors are shown under: joined from the authors' read model, kept briefly. */
final class AuthorNames {

    /** How long an author's display name is shown as read: a renamed author shows the new name within it. */
    static final Duration FRESH = Duration.ofSeconds(5);
    /** Where {@link #onto} puts an author's display name on a reply read for an answer. */
    static final String FIELD = "authorDisplayName";

    /** A display name, and how many author changes had been stored here when it was read. */
    private record Named(String name, long changes) {
    }

    private final Generation reads;
    /** How many author changes were stored here: names read before the last one are not kept. */
    private final LongSupplier authorChanges;
    private final Cache<String, Named> names = Caffeine.newBuilder().expireAfterWrite(FRESH)
            .maximumSize(10_000).build();

    AuthorNames(Generation reads, LongSupplier authorChanges) {
        this.reads = reads;
        this.authorChanges = authorChanges;
    }

    /**
     * Puts the display name of each reply's author, where an author wrote it, on the reply. The
     * names are kept for {@link #FRESH}: the live feed reads replies a batch at a time, and
     * a lookup of author pages per batch put a round trip on the way from a reply to its
     * subscribers (the standalone's lag p99 doubled). Those not kept are looked up at once, by
     * {@code _id}; a login with no author page (the admin) shows as itself. A name read before
     * an author's change stored here is not used after it (dropping them all at the change would
     * take the cache's lock on an event loop): a page read after the change is kept
     * ({@link PageCache}), and must not be made from a name read before it.
     */
    Mono<List<Document>> onto(List<Document> docs) {
        Set<String> logins = new HashSet<>();
        docs.forEach(d -> {
            if (d.getString("authorLogin") != null && !d.getBoolean("removed", false)) {
                logins.add(d.getString("authorLogin"));
            }
        });
        if (logins.isEmpty()) {
            return Mono.just(docs);
        }
        long changes = authorChanges.getAsLong();
        Map<String, String> kept = new HashMap<>();
        names.getAllPresent(logins).forEach((login, named) -> {
            if (named.changes() == changes) {
                kept.put(login, named.name());
            }
        });
        Set<String> missing = new HashSet<>(logins);
        missing.removeAll(kept.keySet());
        Mono<Map<String, String>> all = missing.isEmpty() ? Mono.just(kept)
                : Flux.from(reads.get(ReadModels.AUTHORS).find(in("_id", missing)).projection(new Document("displayName", 1)))
                        .collectMap(a -> a.getString("_id"), a -> a.getString("displayName"))
                        .map(found -> {
                            Map<String, String> merged = new HashMap<>(kept);
                            missing.forEach(login -> merged.put(login, found.getOrDefault(login, login)));
                            if (authorChanges.getAsLong() == changes) {
                                // Only those read now: a kept name written again would outlive FRESH.
                                missing.forEach(login -> names.put(login, new Named(merged.get(login), changes)));
                            }
                            return merged;
                        });
        return all.map(byLogin -> {
            docs.forEach(d -> {
                String login = d.getString("authorLogin");
                if (logins.contains(login)) {
                    d.put(FIELD, byLogin.get(login));
                }
            });
            return docs;
        });
    }
}
