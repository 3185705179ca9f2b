package io.inkstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedMarksTest {

    static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    final MongoDatabase db = ReadModelTesting.freshDatabase();
    final Generations generations = new Generations(db);
    final FeedMarks marks = new FeedMarks(db.getCollection(FeedMarks.COLLECTION), generations,
            Clock.fixed(T0, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        generations.destroy();
    }

    Map<String, FeedMarks.Mark> read(String... feeds) {
        return marks.of(List.of(feeds)).block(Duration.ofSeconds(5));
    }

    @Test
    void eachChangeRaisesTheMarksOfTheFeedsItShowsIn() {
        assertThat(read(FeedMarks.SITE)).isEmpty();
        marks.changed(ReadModels.POST_GROUP, List.of(FeedMarks.SITE, FeedMarks.tag("hr"), FeedMarks.SITE));
        marks.changed(ReadModels.POST_GROUP, List.of(FeedMarks.SITE));
        Map<String, FeedMarks.Mark> found = read(FeedMarks.SITE, FeedMarks.tag("hr"), FeedMarks.tag("other"));
        assertThat(found).containsOnlyKeys(FeedMarks.SITE, FeedMarks.tag("hr"));
        assertThat(found.get(FeedMarks.SITE)).isEqualTo(new FeedMarks.Mark(2, T0));
        assertThat(found.get(FeedMarks.tag("hr")).n()).isEqualTo(1);
    }

    /** A rebuilt generation is not what readers see until the switch: its batches raise nothing. */
    @Test
    void aReadModelBeingRebuiltRaisesNoMarks() {
        generations.beginBuilding(ReadModels.THREAD_GROUP, 0).block(Duration.ofSeconds(5));
        marks.changed(ReadModels.THREAD_GROUP, List.of(FeedMarks.replies("p-1")));
        marks.changed(ReadModels.POST_GROUP, List.of(FeedMarks.SITE));
        assertThat(read(FeedMarks.replies("p-1"), FeedMarks.SITE)).containsOnlyKeys(FeedMarks.SITE);

        generations.finishBuilding(ReadModels.THREAD_GROUP).block(Duration.ofSeconds(5));
        marks.changed(ReadModels.THREAD_GROUP, List.of(FeedMarks.replies("p-1")));
        assertThat(read(FeedMarks.replies("p-1"))).containsKey(FeedMarks.replies("p-1"));
    }
}
