package io.inkstream.api.post;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.Link;
import io.inkstream.api.PostId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PublishPostCommand(
        @TargetAggregateIdentifier PostId postId,
        AuthorId authorId,
        String title,
        String bodyMarkdown,
        List<String> tags,
        String canonicalUrl,
        List<Link> relatedLinks,
        Actor actor) {
}
