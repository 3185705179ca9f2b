package io.inkstream.api.post;

import io.inkstream.api.AuthorId;

/**
 * One page of post summaries, newest first; {@code authorId} and {@code tag} filter when given,
 * {@code cursor} is the previous page's {@code nextCursor}.
 */
public record FetchPostsQuery(AuthorId authorId, String tag, int limit, String cursor) {
}
