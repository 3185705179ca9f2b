package io.inkstream.api.reply;

import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a reply to a post, or under another reply of the same post ({@code parentReplyId}).
 * {@code authorName} is required from anonymous callers only.
 */
public record AddReplyCommand(
        @TargetAggregateIdentifier ReplyId replyId,
        PostId postId,
        ReplyId parentReplyId,
        String body,
        String authorName,
        String authorEmail,
        String authorUrl,
        Actor actor) {
}
