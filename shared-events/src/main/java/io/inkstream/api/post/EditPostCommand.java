package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A new revision of a post; {@code expectedVersion} (from If-Match) is optional, and so is
 * {@code authorId}: a client sending the post back whole names its author, which must be the post's.
 */
public record EditPostCommand(
        @TargetAggregateIdentifier PostId postId,
        AuthorId authorId,
        String title,
        String bodyMarkdown,
        List<String> tags,
        String canonicalUrl,
        List<Link> relatedLinks,
        Long expectedVersion,
        Actor actor) {
}
