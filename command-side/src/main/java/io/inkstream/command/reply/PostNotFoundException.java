package io.inkstream.command.reply;

import io.inkstream.api.PostId;
import io.inkstream.platform.web.DomainException;

public class PostNotFoundException extends DomainException {

    public PostNotFoundException(PostId postId) {
        super(Kind.NOT_FOUND, "post-not-found", "No post '" + postId + "'.");
    }
}
