package io.inkstream.api.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import org.axonframework.serialization.Revision;

/** A moderator decided a held reply is never shown ({@code by}: their login). */
@Revision("1")
public record ReplyRejected(ReplyId replyId, PostId postId, String by) implements ReplyEvent {
}
