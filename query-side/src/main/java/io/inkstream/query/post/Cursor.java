package io.inkstream.query.post;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.inkstream.api.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a page of a newest-first list ended: the last item's time (published, or for drafts
 * changed) and id. The next page starts strictly after it, so posts published meanwhile
 * (which sort first) neither repeat nor push items off the next page. Opaque to clients.
 */
record Cursor(long atMillis, String postId) {

    /** One page of a list: its documents, and the cursor of the next page (null on the last). */
    record Page(List<Document> rows, String next) {
    }

    /**
     * The page of up to {@code limit} documents matching {@code filter}, newest first by
     * {@code field} (ties by id), after the one {@code cursor} names (from the start when null).
     */
    static Mono<Page> page(MongoCollection<Document> collection, Bson filter, String field, String cursor, int limit) {
        Bson where = cursor == null ? filter : and(filter, decode(cursor).after(field));
        // One more than asked tells whether a next page exists.
        return Flux.from(collection.find(where).sort(Sorts.descending(field, "_id")).limit(limit + 1)).collectList()
                .map(found -> {
                    if (found.size() <= limit) {
                        return new Page(found, null);
                    }
                    Document last = found.get(limit - 1);
                    return new Page(found.subList(0, limit),
                            new Cursor(last.getDate(field).getTime(), last.getString("_id")).encode());
                });
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((atMillis + ":" + postId).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String value) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new Refusal.Invalid("invalid-cursor", "The cursor is not one this service gave out.");
        }
    }

    /** Posts after this one in newest-first order by {@code field}. */
    Bson after(String field) {
        Date at = new Date(atMillis);
        return or(lt(field, at), and(eq(field, at), lt("_id", postId)));
    }
}
