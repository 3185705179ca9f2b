package io.inkstream.command;

import io.inkstream.api.Refusal;
import io.inkstream.api.Refusal.FieldError;
import io.inkstream.platform.markdown.MarkdownLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects field errors of one command, then throws them together. */
public final class Fields {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final List<FieldError> errors = new ArrayList<>();

    /**
     * {@code value}, if there is one: for what a command cannot even be built without, such as
     * the id of the aggregate it goes to. Refused as {@code field} "is required" otherwise.
     */
    public static <T> T present(String field, T value) {
        return present(field, value, "is required");
    }

    /** The same, refused with {@code rule}. */
    public static <T> T present(String field, T value, String rule) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw Refusal.Invalid.field(field, rule);
        }
        return value;
    }

    public Fields required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else {
            longest(field, value, maxLength);
        }
        return this;
    }

    public Fields optional(String field, String value, int maxLength) {
        if (value != null) {
            if (value.isBlank()) {
                errors.add(new FieldError(field, "must not be blank when given"));
            } else {
                longest(field, value, maxLength);
            }
        }
        return this;
    }

    private void longest(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        } else if (hasControl(value)) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }

    /** NUL and the other control characters but tab and line breaks: no text means them, and they break pages and logs. */
    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    public Fields matches(String field, String value, Pattern pattern, String rule) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, rule));
        }
        return this;
    }

    /** An absolute http or https URL, when given. */
    public Fields url(String field, String value) {
        if (value != null && !isWebUrl(value)) {
            errors.add(new FieldError(field, "must be an absolute http or https URL"));
        }
        return this;
    }

    /** Markdown that renders in bounded time ({@link MarkdownLimits}), when given. */
    public Fields markdown(String field, String value) {
        if (value != null) {
            MarkdownLimits.exceeded(value).ifPresent(why -> errors.add(new FieldError(field, why)));
        }
        return this;
    }

    public Fields email(String field, String value) {
        if (value != null && (value.length() > 254 || !EMAIL.matcher(value).matches())) {
            errors.add(new FieldError(field, "must be an email address"));
        }
        return this;
    }

    public Fields check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new Refusal.Invalid(errors);
        }
    }

    static boolean isWebUrl(String value) {
        if (value.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
