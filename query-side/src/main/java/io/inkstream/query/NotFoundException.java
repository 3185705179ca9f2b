package io.inkstream.query;

import io.inkstream.platform.web.DomainException;

/** No such post, author or thread in the read models. */
public class NotFoundException extends DomainException {

    public NotFoundException(String what) {
        super(Kind.NOT_FOUND, "not-found", "No such " + what + ".");
    }
}
