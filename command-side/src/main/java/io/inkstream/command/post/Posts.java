package io.inkstream.command.post;

import io.inkstream.api.PostId;
import java.util.Optional;

/** Looks a post's status up for other aggregates, without changing the post. */
public interface Posts {

    Optional<PostStatus> find(PostId postId);
}
