package io.inkstream.api.post;

/**
 * One page of post summaries, newest first; {@code authorId} and {@code tag} filter when given,
 * {@code cursor} is the previous page's {@code nextCursor}.
 */
public record FetchPostsQuery(String authorId, String tag, int limit, String cursor) {
}
