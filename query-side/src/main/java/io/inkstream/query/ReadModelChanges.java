package io.inkstream.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
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
        List<T> found = new ArrayList<>(1);
        readable(List.of(read), pending -> read.get().map(t -> Map.of(read, t)), wait, (change, t) -> found.add(t));
        return found.stream().findFirst();
    }

    /**
     * Hands each of {@code changes} to {@code then} in order with what {@code read} finds for it,
     * once found: {@code read} gets the changes not found yet, all at once, and answers those it
     * finds. A change is handed over only after every change before it, so a subscriber never
     * sees them out of order; one not found within {@link #READABLE_WITHIN} (or at once, unless
     * {@code wait}) is left out, and those after it go on. Blocks, as {@link #readable(Supplier, boolean)}.
     */
    public <C, T> void readable(List<C> changes, Function<List<C>, Mono<Map<C, T>>> read, boolean wait,
            BiConsumer<C, T> then) {
        long deadline = System.nanoTime() + (wait ? within.toNanos() : 0);
        List<C> pending = changes;
        while (!pending.isEmpty()) {
            long seen;
            synchronized (monitor) {
                seen = stores;
            }
            Map<C, T> found = read.apply(pending).blockOptional(ReadModels.WRITE_TIMEOUT).orElse(Map.of());
            boolean late = System.nanoTime() > deadline;
            int next = 0;
            while (next < pending.size() && (found.containsKey(pending.get(next)) || late)) {
                C change = pending.get(next++);
                T t = found.get(change);
                if (t != null) {
                    then.accept(change, t);
                }
            }
            pending = pending.subList(next, pending.size());
            if (pending.isEmpty() || !awaitStore(seen)) {
                return;
            }
        }
    }

    /** Waits for a store here after the {@code seen}-th, or for a poll's time; false if interrupted. */
    private boolean awaitStore(long seen) {
        try {
            synchronized (monitor) {
                // A store during the read counts: then the read is tried again at once.
                if (stores == seen) {
                    monitor.wait(poll.toMillis());
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
