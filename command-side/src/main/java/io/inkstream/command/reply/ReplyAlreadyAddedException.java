package io.inkstream.command.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.platform.web.DomainException;

/**
 * The reply of this id is stored already: a repeated request with the same Idempotency-Key.
 * The HTTP layer answers it with the first request's answer.
 */
public class ReplyAlreadyAddedException extends DomainException {

    private final ReplyId replyId;
    private final PostId postId;

    public ReplyAlreadyAddedException(ReplyId replyId, PostId postId) {
        super(Kind.CONFLICT, "reply-exists", "The reply '" + replyId + "' exists already.");
        this.replyId = replyId;
        this.postId = postId;
    }

    public ReplyId replyId() {
        return replyId;
    }

    public PostId postId() {
        return postId;
    }
}
