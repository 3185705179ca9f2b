package io.inkstream.command.reply;

import io.inkstream.api.ReplyId;
import io.inkstream.platform.web.DomainException;

public class ReplyRemovedException extends DomainException {

    public ReplyRemovedException(ReplyId replyId) {
        super(Kind.GONE, "reply-removed", "The reply '" + replyId + "' was removed.");
    }
}
