package io.inkstream.command.post;

import io.inkstream.platform.web.DomainException;

public class PostUnpublishedException extends DomainException {

    public PostUnpublishedException(io.inkstream.api.PostId postId) {
        super(Kind.GONE, "post-unpublished", "The post '" + postId + "' is unpublished.");
    }
}
