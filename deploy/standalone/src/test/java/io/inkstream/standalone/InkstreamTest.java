package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InkstreamTest {

    /** What the embedded MongoDB answers before it is on disk: never an event, a snapshot or a login. */
    @Test
    void onlyWhatIsRedoneAfterACrashIsAnsweredBeforeItIsOnDisk() {
        assertThat(Inkstream.mayLoseLatestWrites("counters")).isTrue();
        assertThat(Inkstream.mayLoseLatestWrites("threads")).isTrue();
        assertThat(Inkstream.mayLoseLatestWrites("post_pages_g3")).isTrue();
        assertThat(Inkstream.mayLoseLatestWrites("trackingtokens")).isTrue();
        for (String kept : new String[] {"events", "snapshots", "credentials", "commenter_keys", "approved_commenters", "post_slugs",
            "post_schedules", "token_revocations", "privacy_master"}) {
            assertThat(Inkstream.mayLoseLatestWrites(kept)).as(kept).isFalse();
        }
    }
}
