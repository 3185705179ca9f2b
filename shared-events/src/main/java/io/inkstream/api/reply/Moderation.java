package io.inkstream.api.reply;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which new replies wait for a moderator: none ({@code open}), those of a commenter none of whose
 * replies was approved yet ({@code first-time}), every anonymous one ({@code all}). Rules hold a
 * reply whatever the mode.
 */
public enum Moderation {

    OPEN("open"), FIRST_TIME("first-time"), ALL("all");

    private final String wire;

    Moderation(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The mode a client or the configuration names, if any is. */
    public static Optional<Moderation> named(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
    }

    @JsonCreator
    public static Moderation of(String wire) {
        return named(wire).orElseThrow(() -> new IllegalArgumentException("no moderation mode " + wire));
    }
}
