package io.inkstream.api.post;

import io.inkstream.api.PostId;
import org.axonframework.serialization.Revision;

/** A draft thrown away: it was never public, and now never will be. */
@Revision("1")
public record DraftDiscarded(PostId postId) implements DraftEvent {
}
