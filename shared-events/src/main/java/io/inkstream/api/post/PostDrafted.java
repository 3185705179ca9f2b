package io.inkstream.api.post;

import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A post written but not published: a draft, or with {@code publishAt} a post scheduled to
 * publish itself then. Its slug is taken now and kept when it is published.
 */
@Revision("1")
public record PostDrafted(
        PostId postId,
        AuthorId authorId,
        String slug,
        String title,
        String bodyMarkdown,
        List<String> tags,
        String canonicalUrl,
        List<Link> relatedLinks,
        Instant publishAt) implements DraftEvent {
}
