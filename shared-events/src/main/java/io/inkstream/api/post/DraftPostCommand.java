package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Writes a post without publishing it: a draft, or scheduled for a future {@code publishAt}. */
public record DraftPostCommand(
        @TargetAggregateIdentifier PostId postId,
        AuthorId authorId,
        Content content,
        Instant publishAt,
        Actor actor) {
}
