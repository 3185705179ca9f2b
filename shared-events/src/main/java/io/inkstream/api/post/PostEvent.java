package io.inkstream.api.post;

/** Everything that can happen to a post. */
public sealed interface PostEvent permits PostPublished, PostEdited, RepliesOpened, RepliesClosed, PostUnpublished {

    PostId postId();
}
