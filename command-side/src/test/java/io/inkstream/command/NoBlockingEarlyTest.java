package io.inkstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.platform.testing.NoBlocking;
import org.junit.jupiter.api.Test;

class NoBlockingEarlyTest {

    @Test
    void blockHoundWatchesBeforeAnyTestInstallsIt() {
        assertThat(NoBlocking.installed()).as("installed by NoBlocking.Early when the test JVM started").isTrue();
    }
}
