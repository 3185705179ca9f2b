package io.inkstream.api.post;

import io.inkstream.api.AuthorId;

/** Every matching post summary, newest first, as a stream with no page limit. */
public record StreamPostsQuery(AuthorId authorId, String tag) {
}
