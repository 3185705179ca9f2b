package io.inkstream.api.post;

import io.inkstream.api.PostId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An unpublished post will publish itself at {@code publishAt} (a new time replaces the old). */
@Revision("1")
public record PostScheduled(PostId postId, Instant publishAt) implements DraftEvent {
}
