package io.inkstream.command.post;

import io.inkstream.platform.web.DomainException;

public class AuthorNotFoundException extends DomainException {

    public AuthorNotFoundException(io.inkstream.api.AuthorId authorId) {
        super(Kind.NOT_FOUND, "author-not-found", "No author '" + authorId + "' is registered.");
    }
}
