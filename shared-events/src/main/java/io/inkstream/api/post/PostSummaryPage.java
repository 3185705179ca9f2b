package io.inkstream.api.post;

import java.util.List;

/** One page of a post list; {@code nextCursor} is null on the last page. */
public record PostSummaryPage(List<PostSummary> items, String nextCursor) {
}
