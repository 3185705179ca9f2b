package io.inkstream.api.post;

/** The author as a post summary shows it. */
public record AuthorSummary(String authorId, String displayName) {
}
