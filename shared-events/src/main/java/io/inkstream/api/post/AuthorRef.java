package io.inkstream.api.post;

/** The author as a post page shows it. */
public record AuthorRef(String authorId, String displayName, String bio) {
}
