package io.inkstream.api.author;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers an author and its login. The edge hashes the password before sending, so the
 * clear text never travels further; the hash goes to the credentials store, never to an event.
 */
public record RegisterAuthorCommand(
        @TargetAggregateIdentifier AuthorId authorId,
        String displayName,
        String passwordHash,
        String bio,
        String contact,
        Actor actor) {

    @Override
    public String toString() {
        return "RegisterAuthorCommand[authorId=" + authorId + "]";
    }
}
