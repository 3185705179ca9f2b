package io.inkstream.query;

import io.inkstream.platform.web.DomainException.FieldError;
import io.inkstream.platform.web.InvalidFieldsException;
import java.util.List;

/** The {@code limit} of a paged list: the default when not given, 400 outside 1 to the maximum. */
public final class Paging {

    private Paging() {
    }

    public static int limit(Integer limit, int byDefault, int max) {
        int size = limit == null ? byDefault : limit;
        if (size < 1 || size > max) {
            throw new InvalidFieldsException(List.of(new FieldError("limit", "must be from 1 to " + max)));
        }
        return size;
    }
}
