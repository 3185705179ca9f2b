package io.inkstream.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A batch's token is stored after the batch's writes, and not at all if they fail. */
class BatchedWritesTest {

    InMemoryTokenStore store;
    DeferringTokenStore tokens;
    List<String> done;

    @BeforeEach
    void setUp() {
        store = new InMemoryTokenStore();
        store.initializeTokenSegments("threads", 1);
        tokens = new DeferringTokenStore(store);
        done = new ArrayList<>();
    }

    /** As a tracking processor does: the token step is registered first, then the handlers add writes. */
    void batch(boolean writesFail) {
        DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        unit.onPrepareCommit(u -> tokens.storeToken(new GlobalSequenceTrackingToken(7), "threads", 0));
        for (String write : List.of("r1", "r2")) {
            BatchedWrites.buffer("threads", ArrayList<String>::new, pending -> {
                if (writesFail) {
                    throw new IllegalStateException("MongoDB went away");
                }
                done.addAll(pending);
            }).orElseThrow().add(write);
        }
        unit.commit();
    }

    @Test
    void tokenIsStoredAfterTheBatchWrites() {
        batch(false);
        assertThat(done).containsExactly("r1", "r2");
        assertThat(store.fetchToken("threads", 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void failedWritesLeaveTheOldToken() {
        assertThatThrownBy(() -> batch(true)).hasMessageContaining("MongoDB went away");
        assertThat(done).isEmpty();
        assertThat(store.fetchToken("threads", 0)).isNull();
    }

    @Test
    void withoutBatchWritesTheTokenIsStoredAtOnce() {
        tokens.storeToken(new GlobalSequenceTrackingToken(3), "threads", 0);
        assertThat(store.fetchToken("threads", 0)).isEqualTo(new GlobalSequenceTrackingToken(3));
        assertThat(BatchedWrites.buffer("threads", ArrayList::new, pending -> { })).isEmpty();
    }
}
