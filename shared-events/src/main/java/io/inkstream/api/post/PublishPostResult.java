package io.inkstream.api.post;

import io.inkstream.api.PostId;

/** What publishing a post answers: where it lives now. */
public record PublishPostResult(PostId postId, String slug, long version) {
}
