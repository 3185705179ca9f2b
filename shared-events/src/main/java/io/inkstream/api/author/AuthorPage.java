package io.inkstream.api.author;

import io.inkstream.api.AuthorId;
import io.inkstream.api.post.PostSummary;
import java.time.Instant;
import java.util.List;

/** An author as its page shows it, with its most recent posts. */
public record AuthorPage(
        AuthorId authorId,
        String displayName,
        String bio,
        String contact,
        Instant registeredAt,
        long postCount,
        List<PostSummary> recentPosts) {
}
