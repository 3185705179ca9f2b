package io.inkstream.api.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import org.axonframework.serialization.Revision;

/**
 * A moderator let a held reply be shown ({@code by}: their login). {@code parentReplyId} is where
 * it stands, which a reply under a still-held parent waits for; {@code commenter} is learned as
 * approved, so the first-time mode shows their later replies at once.
 */
@Revision("1")
public record ReplyApproved(ReplyId replyId, PostId postId, ReplyId parentReplyId, String by, String commenter)
        implements ReplyEvent {
}
