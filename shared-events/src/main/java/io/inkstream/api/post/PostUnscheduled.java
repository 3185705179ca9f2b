package io.inkstream.api.post;

import io.inkstream.api.PostId;
import org.axonframework.serialization.Revision;

/** A scheduled post is a draft again: it will not publish itself. */
@Revision("1")
public record PostUnscheduled(PostId postId) implements DraftEvent {
}
