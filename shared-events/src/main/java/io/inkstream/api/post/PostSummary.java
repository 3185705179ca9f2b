package io.inkstream.api.post;

import java.time.Instant;
import java.util.List;

/** A post in a list: enough to show and link it. */
public record PostSummary(
        String postId,
        String slug,
        String title,
        String excerpt,
        List<String> tags,
        Instant publishedAt,
        long replyCount,
        AuthorSummary author) {
}
