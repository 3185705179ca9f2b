package io.inkstream.command.post;

import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import java.util.Optional;

/** Looks a post's status up for other aggregates, without changing the post. */
public interface Posts {

    Optional<Status> find(PostId postId);

    /** What a reply needs to know of its post. */
    record Status(AuthorId authorId, boolean repliesOpen, boolean unpublished) {
    }
}
