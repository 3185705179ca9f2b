package io.inkstream.command;

import io.inkstream.api.Refusal;
import java.util.regex.Pattern;

/** Checks ids that arrive in paths, so a malformed one is simply not found. */
public final class Ids {

    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{0,99}$");

    private Ids() {
    }

    public static String path(String id, String what) {
        if (id == null || !SAFE.matcher(id).matches()) {
            throw Refusal.NotFound.of(what, id);
        }
        return id;
    }
}
