package io.inkstream.api.post;

import io.inkstream.api.PostId;

/** Everything that can happen to a post. */
public sealed interface PostEvent permits PostPublished, PostEdited, RepliesOpened, RepliesClosed, ModerationSet, PostUnpublished,
        DraftEvent {

    PostId postId();
}
