package io.inkstream.api.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inkstream.api.ReplyId;
import java.time.Instant;
import java.util.List;

/**
 * A reply as a thread shows it. A removed reply keeps its place, with no name and no text, so
 * that its answers still hang below it. {@code replies} holds the answers in a nested thread
 * and is empty in a flattened one. {@code author} is set for a reply written by an author of the
 * blog, logged in, and null for an anonymous one. {@code status} is told to the post's moderators
 * only ({@code published} or {@code pending}), and left out of public answers.
 */
public record ReplyView(
        ReplyId replyId,
        ReplyId parentReplyId,
        String authorName,
        ReplyAuthor author,
        String bodyHtml,
        Instant createdAt,
        Instant editedAt,
        boolean removed,
        int depth,
        List<ReplyView> replies,
        @JsonInclude(JsonInclude.Include.NON_NULL) String status) {
}
