package io.inkstream.api.post;

/** Every matching post summary, newest first, as a stream with no page limit. */
public record StreamPostsQuery(String authorId, String tag) {
}
