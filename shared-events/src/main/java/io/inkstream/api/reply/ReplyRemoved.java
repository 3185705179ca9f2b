package io.inkstream.api.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import org.axonframework.serialization.Revision;

/** Moderation removed the reply; its text is no longer shown. */
@Revision("1")
public record ReplyRemoved(ReplyId replyId, PostId postId, String removedBy) implements ReplyEvent {
}
