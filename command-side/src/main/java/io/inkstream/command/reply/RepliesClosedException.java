package io.inkstream.command.reply;

import io.inkstream.api.PostId;
import io.inkstream.platform.web.DomainException;

public class RepliesClosedException extends DomainException {

    public RepliesClosedException(PostId postId) {
        super(Kind.CONFLICT, "replies-closed", "The post '" + postId + "' takes no more replies.");
    }
}
