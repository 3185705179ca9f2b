package io.inkstream.command.post;

import io.inkstream.api.AuthorId;

/** What a reply needs to know of its post. */
public record PostStatus(AuthorId authorId, boolean repliesOpen, boolean unpublished) {
}
