package io.inkstream.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies one reply; serialized as its bare value. */
public record ReplyId(@JsonValue String value) {

    @JsonCreator
    public ReplyId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("reply id must not be blank");
        }
    }

    /** The id a request's path names: a malformed one is not found. */
    public static ReplyId parse(String value) {
        return new ReplyId(Refusal.NotFound.unlessWellFormed("reply", value));
    }

    /** Axon routes commands by the target identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}
