package io.inkstream.api.post;

import io.inkstream.api.PostId;
import java.time.Instant;

/** A line of an author's drafts: {@code status} is {@code draft} or {@code scheduled} (with {@code publishAt}). */
public record DraftSummary(PostId postId, String slug, String title, String status, Instant publishAt,
        Instant updatedAt) {
}
