package io.inkstream.api.post;

import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import org.axonframework.serialization.Revision;

/** The post no longer shows; its history is kept. Names its author for the author's page. */
@Revision("1")
public record PostUnpublished(PostId postId, AuthorId authorId) implements PostEvent {
}
