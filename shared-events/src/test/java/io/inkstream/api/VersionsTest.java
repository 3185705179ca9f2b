package io.inkstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

class VersionsTest {

    static final class Handler {
        final List<Long> versions = new ArrayList<>();

        @EventHandler
        void on(String event, @Version long version) {
            versions.add(version);
        }
    }

    @Test
    void theFirstEventMakesVersionOne() {
        assertThat(Versions.after(0)).isEqualTo(1);
        assertThat(Versions.sequenceOf(Versions.after(41))).isEqualTo(41);
    }

    @Test
    void aHandlerIsGivenTheVersionItsEventMade() throws Exception {
        Handler handler = new Handler();
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(handler);
        adapter.handle(new GenericDomainEventMessage<>("Post", "post-1", 0, "published"));
        adapter.handle(new GenericDomainEventMessage<>("Post", "post-1", 4, "edited"));
        assertThat(handler.versions).containsExactly(1L, 5L);
    }
}
