package io.inkstream.api.post;

import io.inkstream.api.PostId;
import io.inkstream.api.reply.Moderation;
import org.axonframework.serialization.Revision;

/** The post's new replies are moderated so from now on; null: as the site's mode says. */
@Revision("1")
public record ModerationSet(PostId postId, Moderation moderation) implements PostEvent {
}
