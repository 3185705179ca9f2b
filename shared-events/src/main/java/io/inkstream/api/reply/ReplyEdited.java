package io.inkstream.api.reply;

import io.inkstream.api.ReplyId;
import io.inkstream.api.PostId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ReplyEdited(ReplyId replyId, PostId postId, String body) implements ReplyEvent {
}
