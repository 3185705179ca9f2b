package io.inkstream.api.author;

public record FetchAuthorQuery(String authorId) {
}
