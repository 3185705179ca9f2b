package io.inkstream.api.post;

/** What publishing a post answers: where it lives now. */
public record PublishPostResult(PostId postId, String slug, long version) {
}
