package io.inkstream.platform.web;

import org.springframework.http.HttpStatus;

/**
 * The web layer itself says no, for reasons of HTTP rather than of the domain: a client sending
 * too fast, an {@code Idempotency-Key} reused for another request. The message is shown to the
 * client.
 */
public class RequestRefused extends RuntimeException {

    private final HttpStatus status;
    private final String rule;
    private final long retryAfterSeconds;

    public RequestRefused(HttpStatus status, String rule, String message) {
        this(status, rule, message, 0);
    }

    /** {@code retryAfterSeconds} above 0 is sent as {@code Retry-After}. */
    public RequestRefused(HttpStatus status, String rule, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.rule = rule;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
