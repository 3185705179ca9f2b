package io.inkstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenerationsTest {

    final Generations generations = new Generations(ReadModelTesting.freshDatabase());

    @AfterEach
    void stop() {
        generations.destroy();
    }

    @Test
    void aRefreshReadBeforeASwitchDoesNotSendReadersBack() {
        Document idle = new Document("_id", "threads").append("active", 0L).append("building", null);
        Document building = new Document(idle).append("building", 1L).append("resetHead", 7L);

        generations.beginBuilding("threads", 7).block(Duration.ofSeconds(5));
        generations.loaded(idle); // read just before the replay began
        assertThat(generations.state("threads").building()).isEqualTo(1L);

        generations.finishBuilding("threads").block(Duration.ofSeconds(5));
        generations.loaded(building); // read just before the switch
        assertThat(generations.state("threads").active()).isEqualTo(1L);
        assertThat(generations.state("threads").building()).isNull();

        // What another process did is taken: the next replay it began.
        generations.loaded(new Document("_id", "threads").append("active", 1L).append("building", 2L));
        assertThat(generations.state("threads").building()).isEqualTo(2L);
    }
}
