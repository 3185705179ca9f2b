package io.inkstream.api.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;

/** Everything that can happen to a reply. */
public sealed interface ReplyEvent permits ReplyAdded, ReplyEdited, ReplyRemoved, ReplyApproved, ReplyRejected {

    ReplyId replyId();

    PostId postId();
}
