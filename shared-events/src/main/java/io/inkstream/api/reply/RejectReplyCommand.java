package io.inkstream.api.reply;

import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A moderator's decision on a held reply: the post's author or an admin. */
public record RejectReplyCommand(@TargetAggregateIdentifier ReplyId replyId, PostId postId, Actor actor) {
}
