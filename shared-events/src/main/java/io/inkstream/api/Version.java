package io.inkstream.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code long} parameter of an event handler: the version of the aggregate that the event
 * made, as {@link Versions#after} counts it. Handlers take this, never a sequence number, so
 * that the counting lives in one place.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Version {
}
