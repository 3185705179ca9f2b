package io.inkstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PageCacheTest {

    final Generations generations = new Generations(ReadModelTesting.freshDatabase());
    final PageCache cache = new PageCache(generations, new ObjectMapper(), DataSize.ofMegabytes(1), Duration.ofHours(1));

    @AfterEach
    void stop() {
        generations.destroy();
    }

    @Test
    void anAnswerIsKeptAsSentUntilSomethingChanges() {
        PageCache.Page sent = cache.put("post/a", cache.stamp(), Map.of("title", "Hello"), 3, "jon");
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"Hello\"}");
        assertThat(cache.get("post/a")).isSameAs(sent);

        cache.changed();
        assertThat(cache.get("post/a")).isNull();
    }

    @Test
    void anAnswerReadAcrossAChangeIsSentButNotKept() {
        PageCache.Stamp before = cache.stamp();
        cache.changed(); // stored while the answer was read
        PageCache.Page sent = cache.put("post/a", before, Map.of("title", "Hello"), 3, "jon");
        assertThat(sent.body()).isNotEmpty();
        assertThat(cache.get("post/a")).isNull();
    }

    @Test
    void readersMovingToAReplaysGenerationReadAgain() {
        cache.put("thread/a", cache.stamp(), Map.of("replyCount", 2), 0, "jon");
        generations.loaded(new Document("_id", "threads").append("active", 0L).append("building", 1L));
        assertThat(cache.get("thread/a")).as("a replay begun: readers still read the same").isNotNull();

        generations.loaded(new Document("_id", "threads").append("active", 1L).append("building", null));
        assertThat(cache.get("thread/a")).isNull();
    }

    @Test
    void whatIsKeptStaysWithinItsSize() {
        String big = "x".repeat(100_000);
        for (int i = 0; i < 50; i++) {
            cache.put("post/" + i, cache.stamp(), Map.of("body", big), 1, "jon");
        }
        cache.cleanUp();
        assertThat(cache.keptBytes()).isLessThanOrEqualTo(DataSize.ofMegabytes(1).toBytes());
    }
}
