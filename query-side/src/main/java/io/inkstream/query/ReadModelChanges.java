package io.inkstream.query;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Waits for a change to become readable, for the live feeds. This instance's projections say
 * when they have stored something, and a waiting feed then looks again at once instead of at
 * its next poll. The projection that stores a change may run in another instance, so the polls
 * stay, every {@link #POLL}.
 */
@Component
public class ReadModelChanges {

    /** How long an update waits for the read model to show its change before it is dropped. */
    static final Duration READABLE_WITHIN = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofMillis(10);

    private final Duration poll;
    private final Duration within;
    private final Object monitor = new Object();
    /** How many times this instance's projections have stored something. */
    private long stores;

    ReadModelChanges() {
        this(POLL, READABLE_WITHIN);
    }

    ReadModelChanges(Duration poll, Duration within) {
        this.poll = poll;
        this.within = within;
    }

    /** Called by a projection once a write of it is stored. */
    public void stored() {
        synchronized (monitor) {
            stores++;
            monitor.notifyAll();
        }
    }

    /**
     * What {@code read} finds once it finds something, trying again after each store here and
     * at least every {@link #POLL} for up to {@link #READABLE_WITHIN} if {@code wait}; empty if the
     * change never showed. Not worth waiting for while the read model is rebuilt: readers see
     * it only at the switch. Blocks: called on the live processor's own thread.
     */
    public <T> Optional<T> readable(Supplier<Mono<T>> read, boolean wait) {
        long deadline = System.nanoTime() + (wait ? within.toNanos() : 0);
        while (true) {
            long seen;
            synchronized (monitor) {
                seen = stores;
            }
            Optional<T> found = read.get().blockOptional(ReadModels.WRITE_TIMEOUT);
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                synchronized (monitor) {
                    // A store during the read counts: then the read is tried again at once.
                    if (stores == seen) {
                        monitor.wait(poll.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
