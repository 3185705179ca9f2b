package io.inkstream.api.post;

import io.inkstream.api.PostId;

/**
 * A live change in the post feed: {@code post-published} or {@code post-updated} with the post's
 * summary, or {@code post-unpublished} with only what names the post (its content was withdrawn).
 */
public record PostFeedUpdate(String kind, PostSummary post, Withdrawn withdrawn) {

    /** The post a reader's list should drop. */
    public record Withdrawn(PostId postId, String slug) {
    }

    public static PostFeedUpdate of(String kind, PostSummary post) {
        return new PostFeedUpdate(kind, post, null);
    }

    public static PostFeedUpdate unpublished(PostId postId, String slug) {
        return new PostFeedUpdate("post-unpublished", null, new Withdrawn(postId, slug));
    }

    /** What the client is sent. */
    public Object data() {
        return post != null ? post : withdrawn;
    }
}
