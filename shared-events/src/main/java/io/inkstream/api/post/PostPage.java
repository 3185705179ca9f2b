package io.inkstream.api.post;

import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import java.time.Instant;
import java.util.List;

/** A post as its page shows it; {@code version} is also its ETag. */
public record PostPage(
        PostId postId,
        String slug,
        String title,
        String bodyMarkdown,
        String bodyHtml,
        List<String> tags,
        String canonicalUrl,
        List<Link> relatedLinks,
        Instant publishedAt,
        Instant updatedAt,
        long version,
        boolean repliesOpen,
        long replyCount,
        AuthorRef author,
        boolean unpublished) {
}
