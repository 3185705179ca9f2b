package io.inkstream.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Whether a document matches a query of one field against a list, {@code {k: {$in: [...]}}}, as
 * every lookup of events by global index or stream key is, answered with a set. The server's
 * own matcher checks each document the index found against the whole list again: a lookup of
 * n keys made n² comparisons (a tracking read of 1,000 indexes, a million), a fifth of the
 * embedded server's CPU under a steady flow of appends. The list becomes a set once per query.
 *
 * <p>Only where the answer is plainly MongoDB's: a list of strings alone or of whole numbers
 * alone, and a document value of the same kind, or none. Anything else (arrays, fractional or
 * mixed numbers, nested fields, other operators) is left to the server's matcher.
 */
final class InMatch {

    private record Parsed(Document query, String field, Set<Object> values, boolean strings) {
    }

    /** The query last parsed: one query's documents come one after another, with the same query. */
    private volatile Parsed last;

    /** Whether {@code document} matches {@code query}; asks {@code server}, the server's matcher, where this cannot tell. */
    boolean matches(Document document, Document query, BiPredicate<Document, Document> server) {
        Parsed parsed = last;
        if (parsed == null || parsed.query() != query) {
            parsed = parse(query);
            if (parsed == null) {
                return server.test(document, query);
            }
            last = parsed;
        }
        Object value = document.get(parsed.field());
        if (value == null) {
            return false;
        }
        if (parsed.strings() && value instanceof String) {
            return parsed.values().contains(value);
        }
        if (!parsed.strings() && (value instanceof Long || value instanceof Integer)) {
            return parsed.values().contains(((Number) value).longValue());
        }
        return server.test(document, query);
    }

    private static Parsed parse(Document query) {
        if (query.size() != 1) {
            return null;
        }
        String field = query.keySet().iterator().next();
        if (field.startsWith("$") || field.contains(".") || !(query.get(field) instanceof Document operator)
                || operator.size() != 1 || !(operator.get("$in") instanceof Collection<?> list) || list.isEmpty()) {
            return null;
        }
        boolean strings = list.iterator().next() instanceof String;
        Set<Object> values = new HashSet<>(list.size() * 2);
        for (Object item : list) {
            if (strings && item instanceof String) {
                values.add(item);
            } else if (!strings && (item instanceof Long || item instanceof Integer)) {
                values.add(((Number) item).longValue());
            } else {
                return null;
            }
        }
        return new Parsed(query, field, values, strings);
    }
}
