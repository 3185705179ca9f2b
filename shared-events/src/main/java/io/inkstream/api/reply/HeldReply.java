package io.inkstream.api.reply;

import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import java.time.Instant;
import java.util.List;

/** A reply waiting for a moderator, as the moderation queue shows it to the post's author and admins. */
public record HeldReply(
        ReplyId replyId,
        PostId postId,
        String postTitle,
        String authorName,
        String authorEmail,
        String bodyHtml,
        Instant createdAt,
        List<String> reasons) {
}
