package io.inkstream.api.post;

import io.inkstream.api.PostId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RepliesClosed(PostId postId) implements PostEvent {
}
