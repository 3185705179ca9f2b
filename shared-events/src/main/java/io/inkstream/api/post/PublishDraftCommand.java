package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Publishes a draft or a scheduled post. {@code scheduledFor} is null when its author or an
 * admin publishes it now; the scheduler names the time it found due, and the post publishes
 * only if it is still scheduled for exactly that time.
 */
public record PublishDraftCommand(@TargetAggregateIdentifier PostId postId, Instant scheduledFor, Actor actor) {
}
