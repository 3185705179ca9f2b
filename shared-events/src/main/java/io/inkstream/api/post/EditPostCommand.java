package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A new revision of a post; {@code expectedVersion} (from If-Match) is optional, and so is
 * {@code authorId}: a client sending the post back whole names its author, which must be the post's.
 */
public record EditPostCommand(
        @TargetAggregateIdentifier PostId postId,
        AuthorId authorId,
        Content content,
        Long expectedVersion,
        Actor actor) {
}
