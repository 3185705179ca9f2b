package io.inkstream.api.post;

import io.inkstream.api.PostId;
import io.inkstream.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnpublishPostCommand(@TargetAggregateIdentifier PostId postId, Actor actor) {
}
