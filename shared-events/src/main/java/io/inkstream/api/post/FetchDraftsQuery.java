package io.inkstream.api.post;

import io.inkstream.api.AuthorId;

/** An author's drafts and scheduled posts, most recently changed first, {@code limit} after {@code cursor}. */
public record FetchDraftsQuery(AuthorId authorId, int limit, String cursor) {
}
