package io.inkstream.command.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.ReplyAdded;
import java.util.Optional;

/** Looks existing replies up: for idempotent retries, and to check a parent's post. */
public interface Replies {

    boolean exists(ReplyId replyId);

    Optional<PostId> postOf(ReplyId replyId);

    /** The event that added this reply: what it was added with. */
    Optional<ReplyAdded> added(ReplyId replyId);
}
