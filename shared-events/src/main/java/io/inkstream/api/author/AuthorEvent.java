package io.inkstream.api.author;

import io.inkstream.api.AuthorId;

/** Everything that can happen to an author. */
public sealed interface AuthorEvent permits AuthorRegistered, AuthorProfileUpdated {

    AuthorId authorId();
}
