package io.inkstream.api.author;

/** Everything that can happen to an author. */
public sealed interface AuthorEvent permits AuthorRegistered, AuthorProfileUpdated {

    AuthorId authorId();
}
