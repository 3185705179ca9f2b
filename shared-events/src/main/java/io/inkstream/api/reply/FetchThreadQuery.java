package io.inkstream.api.reply;

import io.inkstream.api.PostId;

/**
 * A page of a post's comment thread, nested: up to {@code limit} replies after the one
 * {@code cursor} names (from the start when null). Its subscription updates are
 * {@link ThreadView.Update}s.
 */
public record FetchThreadQuery(PostId postId, String cursor, int limit) {
}
