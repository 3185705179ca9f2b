package io.inkstream.api.author;

import io.inkstream.api.AuthorId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AuthorRegistered(AuthorId authorId, String displayName, String bio, String contact)
        implements AuthorEvent {
}
