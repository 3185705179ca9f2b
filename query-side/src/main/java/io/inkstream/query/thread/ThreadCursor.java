package io.inkstream.query.thread;

import io.inkstream.api.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of a thread ended: the last reply on it. The next page starts after that reply
 * in reading order, wherever replies added meanwhile put it. Opaque to clients.
 */
final class ThreadCursor {

    private ThreadCursor() {
    }

    static String encode(String replyId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(replyId.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    static Refusal invalid() {
        return new Refusal.Invalid("invalid-cursor", "The cursor is not one this service gave out for this thread.");
    }
}
