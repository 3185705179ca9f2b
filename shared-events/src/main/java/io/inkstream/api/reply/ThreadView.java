package io.inkstream.api.reply;

import java.util.List;

/** A post's comment thread: top-level replies oldest first, each with its answers. */
public record ThreadView(String postId, long replyCount, List<ReplyView> replies) {
}
