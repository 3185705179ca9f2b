package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import io.inkstream.api.reply.Moderation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets how a post's new replies are moderated; a null {@code moderation} follows the site's mode. */
public record ModeratePostCommand(@TargetAggregateIdentifier PostId postId, Moderation moderation, Actor actor) {
}
