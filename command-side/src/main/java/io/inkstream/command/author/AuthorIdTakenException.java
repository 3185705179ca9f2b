package io.inkstream.command.author;

import io.inkstream.api.AuthorId;
import io.inkstream.platform.web.DomainException;

public class AuthorIdTakenException extends DomainException {

    public AuthorIdTakenException(AuthorId authorId) {
        super(Kind.CONFLICT, "author-id-taken", "The author id '" + authorId + "' is taken.");
    }
}
