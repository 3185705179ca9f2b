package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves a post not yet published to a new future {@code publishAt}, or with null makes it a draft again. */
public record ReschedulePostCommand(@TargetAggregateIdentifier PostId postId, Instant publishAt, Actor actor) {
}
