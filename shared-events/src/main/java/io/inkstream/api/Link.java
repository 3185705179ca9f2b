package io.inkstream.api;

/** A titled link, such as a related post. */
public record Link(String title, String url) {
}
