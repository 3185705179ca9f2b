package io.inkstream.query.live;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.post.DraftDiscarded;
import io.inkstream.api.post.PostDrafted;
import io.inkstream.api.post.PostScheduled;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveFeedsTest {

    /**
     * A draft's events are never public: the feeds neither read nor wait for them. (Had they
     * looked, this one, given nothing to read with, would have failed at once; a real one waits
     * for a page no draft ever gets, holding up every live update behind it.)
     */
    @Test
    void aDraftsEventsAreToldToNobody() {
        LiveFeeds feeds = new LiveFeeds(null, null, null, null, null, null, null);
        PostId post = new PostId("p-1");
        assertThatCode(() -> {
            feeds.on(new PostDrafted(post, new AuthorId("jon"), "s", "T", "B", List.of(), null, List.of(), null), 1);
            feeds.on(new PostScheduled(post, Instant.parse("2030-01-01T00:00:00Z")), 2);
            feeds.on(new DraftDiscarded(post), 3);
        }).doesNotThrowAnyException();
    }
}
