package io.inkstream.eventstore;

import org.axonframework.serialization.Revision;

/** A test event at its second revision: revision 1 had no greeting. */
@Revision("2")
public record Greeted(String name, String greeting) {
}
