package io.inkstream.api.post;

import io.inkstream.api.AuthorId;

/** The author as a post summary shows it. */
public record AuthorSummary(AuthorId authorId, String displayName) {
}
