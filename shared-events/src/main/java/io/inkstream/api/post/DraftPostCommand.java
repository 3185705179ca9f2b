package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Writes a post without publishing it: a draft, or scheduled for a future {@code publishAt}. */
public record DraftPostCommand(
        @TargetAggregateIdentifier PostId postId,
        AuthorId authorId,
        String title,
        String bodyMarkdown,
        List<String> tags,
        String canonicalUrl,
        List<Link> relatedLinks,
        Instant publishAt,
        Actor actor) {
}
