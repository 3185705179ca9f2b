package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnpublishPostCommand(@TargetAggregateIdentifier PostId postId, Actor actor) {
}
