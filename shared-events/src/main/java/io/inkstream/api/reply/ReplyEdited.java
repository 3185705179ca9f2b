package io.inkstream.api.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ReplyEdited(ReplyId replyId, PostId postId, String body) implements ReplyEvent {
}
