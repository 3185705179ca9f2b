package io.inkstream.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.eventstore.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ModerationDryRunTest {

    static final int STORED = 100_000;

    /** A store of {@value #STORED} replies, every tenth with a link; it counts the windows read. */
    static final class Replies implements EventLog {
        final AtomicInteger windows = new AtomicInteger();

        @Override
        public long head() {
            return STORED;
        }

        @Override
        public boolean contains(String aggregateIdentifier, long sequenceNumber) {
            return false;
        }

        @Override
        public List<StoredEvent> window(long from, int count) {
            windows.incrementAndGet();
            List<StoredEvent> events = new ArrayList<>();
            for (long p = from; p < Math.min(from + count, STORED + 1); p++) {
                String body = p % 10 == 0 ? "see https://spam.example/" + p : "reply " + p;
                events.add(new StoredEvent(p, "r-" + p, 0, "Reply", "e-" + p, "2026-12-06T12:00:00Z",
                        "io.inkstream.api.reply.ReplyAdded", "1",
                        "{\"replyId\":\"r-" + p + "\",\"postId\":\"p-" + (p % 7) + "\",\"body\":\"" + body + "\"}",
                        "{\"principal\":\"anonymous\"}"));
            }
            return events;
        }

        @Override
        public List<StoredEvent> stream(String aggregateIdentifier, long firstSequence, int count) {
            return List.of();
        }

        @Override
        public Verification verify() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void redact(String aggregateIdentifier, long sequenceNumber, String payload, String reason) {
            throw new UnsupportedOperationException();
        }
    }

    final Replies store = new Replies();
    static final io.inkstream.platform.testing.PlainVault VAULT = new io.inkstream.platform.testing.PlainVault();
    final ModerationDryRun dryRun = new ModerationDryRun(new AuditLog(store, null, new ObjectMapper(), VAULT), VAULT);
    final ModerationRules noLinks = new ModerationRules(0, List.of(), List.of());

    @Test
    void everyReplyIsTriedAndTheHeldOnesNamed() {
        List<Object> lines = dryRun.run(noLinks).collectList().block(Duration.ofSeconds(60));
        assertThat(lines).hasSize(STORED / 10 + 1);
        assertThat(lines.get(0)).isInstanceOfSatisfying(ModerationDryRun.Held.class, held -> {
            assertThat(held.replyId()).isEqualTo("r-10");
            assertThat(held.reasons()).containsExactly("maxLinks: 1 links, at most 0");
        });
        assertThat(lines.get(lines.size() - 1)).isEqualTo(new ModerationDryRun.Summary(STORED, STORED / 10));
    }

    /** The store is read as the client takes lines: a client that stops after one caused one window's read. */
    @Test
    void theStoreIsReadOnlyAsTheClientTakesLines() {
        StepVerifier.create(dryRun.run(noLinks), 1)
                .expectNextMatches(line -> line instanceof ModerationDryRun.Held)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(store.windows.get()).isLessThanOrEqualTo(2);
    }
}
