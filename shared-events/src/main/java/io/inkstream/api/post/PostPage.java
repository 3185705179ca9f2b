package io.inkstream.api.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import java.time.Instant;
import java.util.List;

/**
 * A post as its page shows it; {@code version} is also its ETag. {@code status} is
 * {@code published} on every public page; its author and admins also see their drafts
 * ({@code draft}, or {@code scheduled} with {@code publishAt}) through it, as they will look.
 */
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
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant publishAt,
        boolean repliesOpen,
        long replyCount,
        AuthorRef author,
        boolean unpublished) {
}
