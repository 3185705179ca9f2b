package io.inkstream.command.post;

import io.inkstream.platform.web.DomainException;

/** {@code If-Match} named a version that is no longer the current one. */
public class StaleVersionException extends DomainException {

    public StaleVersionException(long expected, long current) {
        super(Kind.PRECONDITION_FAILED, "stale-version",
                "The post is at version " + current + ", not " + expected + "; read it again and retry.");
    }
}
