package io.inkstream.command.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.platform.web.DomainException;

/** A reply can answer only another reply of the same post. */
public class ParentNotInPostException extends DomainException {

    public ParentNotInPostException(ReplyId parent, PostId postId) {
        super(Kind.CONFLICT, "parent-not-in-post", "The reply '" + parent + "' is not a reply to post '" + postId + "'.");
    }
}
