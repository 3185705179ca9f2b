package io.inkstream.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies one author; serialized as its bare value. */
public record AuthorId(@JsonValue String value) {

    @JsonCreator
    public AuthorId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("author id must not be blank");
        }
    }

    /** The id a request's path names: a malformed one is not found. */
    public static AuthorId parse(String value) {
        return new AuthorId(Refusal.NotFound.unlessWellFormed("author", value));
    }

    /** Axon routes commands by the target identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}
