package io.inkstream.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies one post; serialized as its bare value. */
public record PostId(@JsonValue String value) {

    @JsonCreator
    public PostId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("post id must not be blank");
        }
    }

    /** The id a request's path names: a malformed one is not found. */
    public static PostId parse(String value) {
        return new PostId(Refusal.NotFound.unlessWellFormed("post", value));
    }

    /** Axon routes commands by the target identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}
