package io.inkstream.api.post;

/** One post page, by post id or by slug. Its subscription updates are whole {@link PostPage}s. */
public record FetchPostQuery(String idOrSlug) {
}
