package io.inkstream.query.post;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import io.inkstream.api.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import org.bson.conversions.Bson;

/**
 * Where a page of a newest-first list ended: the last item's time (published, or for drafts
 * changed) and id. The next page starts strictly after it, so posts published meanwhile
 * (which sort first) neither repeat nor push items off the next page. Opaque to clients.
 */
record Cursor(long atMillis, String postId) {

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
