package io.inkstream.api.post;

import org.axonframework.serialization.Revision;

@Revision("1")
public record PostUnpublished(PostId postId) implements PostEvent {
}
