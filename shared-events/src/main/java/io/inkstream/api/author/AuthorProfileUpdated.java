package io.inkstream.api.author;

import io.inkstream.api.AuthorId;
import org.axonframework.serialization.Revision;

/** The whole profile after the change, so a reader needs no earlier event to show it. */
@Revision("1")
public record AuthorProfileUpdated(AuthorId authorId, String displayName, String bio, String contact)
        implements AuthorEvent {
}
