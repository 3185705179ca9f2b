package io.inkstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which collections a store may commit lazily: only those the events rebuild. */
class ReadModelsTest {

    @Test
    void readModelsOfEveryGenerationAndTheirTokensAreRebuildable() {
        assertThat(ReadModels.rebuildable("threads")).isTrue();
        assertThat(ReadModels.rebuildable("replies_g3")).isTrue();
        assertThat(ReadModels.rebuildable("post_pages_g12")).isTrue();
        assertThat(ReadModels.rebuildable("trackingtokens")).isTrue();
        assertThat(ReadModels.rebuildable(Generations.COLLECTION)).isTrue();
        assertThat(ReadModels.rebuildable("post_drafts_g2")).isTrue();
        assertThat(ReadModels.rebuildable(FeedMarks.COLLECTION)).isTrue();
    }

    @Test
    void theEventStoreAndLoginsAreNot() {
        // The command side's collections: losing a write there loses what a client was told is stored.
        for (String collection : new String[] {"domainevents", "events", "snapshotevents", "counters",
                "credentials", "post_slugs", "post_schedules", "threadsafe", "repliesx"}) {
            assertThat(ReadModels.rebuildable(collection)).as(collection).isFalse();
        }
    }
}
