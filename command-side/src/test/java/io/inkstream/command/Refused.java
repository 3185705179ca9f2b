package io.inkstream.command;

import io.inkstream.api.Refusal;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a refusal by its kind and the rule it names. */
public final class Refused {

    private Refused() {
    }

    public static Matcher<Refusal> by(Class<? extends Refusal> kind, String rule) {
        return new TypeSafeMatcher<>(Refusal.class) {
            @Override
            protected boolean matchesSafely(Refusal refusal) {
                return kind.isInstance(refusal) && refusal.rule().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + kind.getSimpleName() + " refusal by rule " + rule);
            }
        };
    }
}
