package io.inkstream.command.reply;

import io.inkstream.api.ReplyId;
import io.inkstream.platform.web.DomainException;

public class ReplyNotFoundException extends DomainException {

    public ReplyNotFoundException(ReplyId replyId) {
        super(Kind.NOT_FOUND, "reply-not-found", "No reply '" + replyId + "' under this post.");
    }
}
