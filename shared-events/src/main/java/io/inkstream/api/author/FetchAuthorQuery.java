package io.inkstream.api.author;

import io.inkstream.api.AuthorId;

public record FetchAuthorQuery(AuthorId authorId) {
}
