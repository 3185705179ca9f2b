package io.inkstream.platform.web;

import java.util.List;

/**
 * A rule of the domain said no. Each subclass names the rule; {@link Problems} turns it into an
 * {@code application/problem+json} answer with the status of its {@link Kind}. The message is
 * shown to the client, so it must name the rule, never internals.
 */
public abstract class DomainException extends RuntimeException {

    public enum Kind {
        INVALID(400), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), GONE(410), PRECONDITION_FAILED(412),
        UNPROCESSABLE(422), TOO_MANY_REQUESTS(429);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    /** One rejected field of a request. */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final String code;

    protected DomainException(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** A short stable name of the rule, used in the problem type. */
    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return List.of();
    }

    /** For {@link Kind#TOO_MANY_REQUESTS}: seconds until a retry can succeed. */
    public long retryAfterSeconds() {
        return 0;
    }
}
