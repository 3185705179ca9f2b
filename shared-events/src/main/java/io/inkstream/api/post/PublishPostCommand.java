package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PublishPostCommand(
        @TargetAggregateIdentifier PostId postId,
        AuthorId authorId,
        Content content,
        Actor actor) {
}
