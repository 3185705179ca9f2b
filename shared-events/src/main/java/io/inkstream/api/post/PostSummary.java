package io.inkstream.api.post;

import io.inkstream.api.PostId;
import java.time.Instant;
import java.util.List;

/** A post in a list: enough to show and link it. */
public record PostSummary(
        PostId postId,
        String slug,
        String title,
        String excerpt,
        List<String> tags,
        Instant publishedAt,
        long replyCount,
        AuthorSummary author) {
}
