package io.inkstream.platform.web;

import java.util.List;

/** One or more fields of a command break their rules. */
public class InvalidFieldsException extends DomainException {

    private final List<FieldError> errors;

    public InvalidFieldsException(List<FieldError> errors) {
        super(Kind.INVALID, "invalid-fields", describe(errors));
        this.errors = List.copyOf(errors);
    }

    private static String describe(List<FieldError> errors) {
        return errors.size() == 1
                ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                : errors.size() + " fields are invalid.";
    }

    @Override
    public List<FieldError> fieldErrors() {
        return errors;
    }
}
