package io.inkstream.api.reply;

import io.inkstream.api.ReplyId;
import io.inkstream.api.PostId;

/** Everything that can happen to a reply. */
public sealed interface ReplyEvent permits ReplyAdded, ReplyEdited, ReplyRemoved {

    ReplyId replyId();

    PostId postId();
}
