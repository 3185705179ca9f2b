package io.inkstream.api.reply;

import io.inkstream.api.PostId;
import java.util.List;

/**
 * A page of a post's comment thread: replies in reading order, nested where a reply's parent is
 * on the same page; {@code replyCount} counts the whole thread's shown replies, and
 * {@code nextCursor} names the next page (null on the last).
 */
public record ThreadView(PostId postId, long replyCount, List<ReplyView> replies, String nextCursor) {

    /** A live change in a thread: {@code kind} is {@code reply-added}, {@code reply-edited} or {@code reply-removed}. */
    public record Update(String kind, PostId postId, ReplyView reply) {
    }
}
