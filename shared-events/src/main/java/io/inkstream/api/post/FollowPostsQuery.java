package io.inkstream.api.post;

/** Subscribes to every post published or updated from now on; its updates are {@link PostFeedUpdate}s. */
public record FollowPostsQuery() {
}
