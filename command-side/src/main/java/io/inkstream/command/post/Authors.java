package io.inkstream.command.post;

import io.inkstream.api.AuthorId;

/** Whether an author is registered; a post is published only under one. */
public interface Authors {

    boolean exists(AuthorId authorId);
}
