package io.inkstream.command;

import io.inkstream.platform.web.DomainException;

/** The caller may change only what it owns, unless it is an admin. */
public class NotTheOwnerException extends DomainException {

    public NotTheOwnerException(String message) {
        super(Kind.FORBIDDEN, "not-the-owner", message);
    }
}
