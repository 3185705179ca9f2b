package io.inkstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;

/** How far a read model's processor has handled every event, as a read that waits for its own write asks. */
class ReadYourWritesTest {

    @Test
    void anEventStoredLateIsNotTakenAsHandled() {
        // Handled up to 12, but 9 was handed out earlier and stored after: not handled yet.
        assertThat(ReadYourWrites.handledThrough(GapAwareTrackingToken.newInstance(12, List.of(9L, 11L)))).isEqualTo(8);
    }

    @Test
    void withoutGapsItsPosition() {
        assertThat(ReadYourWrites.handledThrough(GapAwareTrackingToken.newInstance(12, List.of()))).isEqualTo(12);
        assertThat(ReadYourWrites.handledThrough(new GlobalSequenceTrackingToken(5))).isEqualTo(5);
    }

    @Test
    void nothingHandledStandsBeforeTheFirst() {
        assertThat(ReadYourWrites.handledThrough(null)).isEqualTo(-1);
    }
}
