package io.inkstream.api.reply;

import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moderation: the reply's text goes, a placeholder keeps the thread's shape. */
public record RemoveReplyCommand(@TargetAggregateIdentifier ReplyId replyId, PostId postId, Actor actor) {
}
