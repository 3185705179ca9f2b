package io.inkstream.api.author;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes an author's profile; a null field keeps its current value. */
public record UpdateAuthorProfileCommand(
        @TargetAggregateIdentifier AuthorId authorId,
        String displayName,
        String bio,
        String contact,
        Actor actor) {
}
