package io.inkstream.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A rule of the domain said no, in the domain's words: what is not there, what conflicts, what
 * is gone, who may not, what is invalid or stale. How a client hears of it is the web layer's
 * business alone. The message is shown to clients, so it names the rule, never internals.
 */
public abstract class Refusal extends RuntimeException {

    private final String rule;

    private Refusal(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    /** A short stable name of the rule, such as {@code replies-closed}. */
    public String rule() {
        return rule;
    }

    /** One rejected field of a request. */
    public record FieldError(String field, String message) {
    }

    /** A refusal about one thing: what it is, and its id. */
    public abstract static class About extends Refusal {

        private final String what;
        private final String id;

        private About(String rule, String what, String id, String message) {
            super(rule, message);
            this.what = what;
            this.id = id;
        }

        /** What was asked for: {@code post}, {@code reply}, {@code author}, … */
        public String what() {
            return what;
        }

        public String id() {
            return id;
        }
    }

    /** Nothing of that kind has that id. */
    public static class NotFound extends About {

        private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,99}");

        public NotFound(String rule, String what, String id, String message) {
            super(rule, what, id, message);
        }

        /** The plain case: no {@code what} of that {@code id}, said as "No such post." */
        public static NotFound of(String what, String id) {
            return new NotFound("not-found", what, id, "No such " + what + ".");
        }

        /**
         * An id as a request names it. Ids are ASCII letters, digits and hyphens, at most 100: a
         * path naming anything else names nothing (404, not 400), and no lookup is made for it.
         */
        public static String unlessWellFormed(String what, String id) {
            if (id == null || !ID.matcher(id).matches()) {
                throw of(what, id);
            }
            return id;
        }
    }

    /** It was there and is no more: unpublished, removed. */
    public static class Gone extends About {

        public Gone(String rule, String what, String id, String message) {
            super(rule, what, id, message);
        }
    }

    /** The request contradicts what is stored: a taken id, a closed thread, a foreign parent. */
    public static class Conflict extends Refusal {

        public Conflict(String rule, String message) {
            super(rule, message);
        }
    }

    /** The caller may not do this. */
    public static class Forbidden extends Refusal {

        public Forbidden(String rule, String message) {
            super(rule, message);
        }
    }

    /** The request asked for a version that is no longer the current one. */
    public static class Stale extends Refusal {

        private final long asked;
        private final long current;

        public Stale(String what, long asked, long current) {
            super("stale-version", "The " + what + " is at version " + current + ", not " + asked
                    + "; read it again and retry.");
            this.asked = asked;
            this.current = current;
        }

        public long asked() {
            return asked;
        }

        public long current() {
            return current;
        }
    }

    /** The request breaks a rule of its form: its fields, or a token it passes back. */
    public static class Invalid extends Refusal {

        private final List<FieldError> errors;

        /** One or more fields break their rules. */
        public Invalid(List<FieldError> errors) {
            super("invalid-fields", describe(errors));
            this.errors = List.copyOf(errors);
        }

        public Invalid(String rule, String message) {
            super(rule, message);
            this.errors = List.of();
        }

        public static Invalid field(String field, String message) {
            return new Invalid(List.of(new FieldError(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }

        private static String describe(List<FieldError> errors) {
            return errors.size() == 1
                    ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                    : errors.size() + " fields are invalid.";
        }
    }
}
