package io.inkstream.query;

import io.inkstream.platform.web.DomainException;

/** The post was unpublished; its history is kept, but it is no longer shown. */
public class GoneException extends DomainException {

    public GoneException() {
        super(Kind.GONE, "post-unpublished", "This post was unpublished.");
    }
}
