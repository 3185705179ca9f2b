package io.inkstream.api.post;

/** Subscribes to every post published, updated or unpublished from now on; its updates are {@link PostFeedUpdate}s. */
public record FollowPostsQuery() {
}
