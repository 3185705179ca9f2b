package io.inkstream.api.reply;

import io.inkstream.api.Actor;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EditReplyCommand(@TargetAggregateIdentifier ReplyId replyId, PostId postId, String body, Actor actor) {
}
