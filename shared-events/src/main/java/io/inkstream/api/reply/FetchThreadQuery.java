package io.inkstream.api.reply;

import io.inkstream.api.PostId;

/**
 * A page of a post's comment thread, nested: up to {@code limit} replies after the one
 * {@code cursor} names (from the start when null). Its subscription updates are
 * {@link ThreadView.Update}s. {@code withHeld}: for the post's moderators, with the replies
 * waiting for them, each with its status.
 */
public record FetchThreadQuery(PostId postId, String cursor, int limit, boolean withHeld) {

    /** A page as the public reads it. */
    public FetchThreadQuery(PostId postId, String cursor, int limit) {
        this(postId, cursor, limit, false);
    }
}
