package io.inkstream.api.post;

import io.inkstream.api.AuthorId;

/** The author as a post page shows it. */
public record AuthorRef(AuthorId authorId, String displayName, String bio) {
}
