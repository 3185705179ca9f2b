package io.inkstream.api.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import org.axonframework.serialization.Revision;

/**
 * A reply was added. {@code authorLogin} is the authenticated login, or null for an
 * anonymous reply; {@code parentReplyId} is null for a top-level reply.
 */
@Revision("1")
public record ReplyAdded(
        ReplyId replyId,
        PostId postId,
        ReplyId parentReplyId,
        String body,
        String authorName,
        String authorEmail,
        String authorUrl,
        String authorLogin) implements ReplyEvent {
}
