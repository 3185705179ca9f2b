package io.inkstream.query;

import io.inkstream.api.Refusal;

/** The {@code limit} of a paged list: the default when not given, 400 outside 1 to the maximum. */
public final class Paging {

    private Paging() {
    }

    public static int limit(Integer limit, int byDefault, int max) {
        int size = limit == null ? byDefault : limit;
        if (size < 1 || size > max) {
            throw Refusal.Invalid.field("limit", "must be from 1 to " + max);
        }
        return size;
    }
}
