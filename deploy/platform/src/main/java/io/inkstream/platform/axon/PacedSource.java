package io.inkstream.platform.axon;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The events for a tracking processor that may see them a moment late: it reads the store
 * straight, and once at the head reads again only after {@code pace}. The event store's shared
 * stream, which the other processors follow, reads again after every append of this process;
 * a processor that is alone on it (the command side's schedules) kept that reading going at
 * every reply, for a table that is asked twice a second. A backlog is read without pausing.
 *
 * <p>The events are stamped by the processes that append them; a process whose clock is behind
 * makes reads last longer (read more often), never lose an event: every read starts after the
 * last event the one before it found.
 */
public final class PacedSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine engine;
    private final long pace;
    private final Set<Class<?>> handled;

    /** Every event, read at this pace. */
    public PacedSource(EventStorageEngine engine, Duration pace) {
        this(engine, pace, Set.of(Object.class));
    }

    /**
     * The events of these payload types (and their subtypes) alone, read at this pace. The
     * others never reach the processor: a unit of work and Axon's metrics for each reply it
     * would ignore were most of its cost. (A tracking processor says which types it ignores
     * through its stream, but not through the stream it wraps around ours after a reset.)
     */
    public PacedSource(EventStorageEngine engine, Duration pace, Set<Class<?>> handled) {
        this.engine = engine;
        this.pace = pace.toNanos();
        this.handled = Set.copyOf(handled);
    }

    /** The payload types the {@link EventHandler} methods of a class take. */
    public static Set<Class<?>> handledBy(Class<?> handlers) {
        Set<Class<?>> types = new HashSet<>();
        for (Method method : handlers.getDeclaredMethods()) {
            EventHandler handler = method.getAnnotation(EventHandler.class);
            if (handler != null) {
                types.add(handler.payloadType() != Object.class ? handler.payloadType()
                        : method.getParameterTypes()[0]);
            }
        }
        return types;
    }

    private boolean handles(Class<?> payloadType) {
        for (Class<?> type : handled) {
            if (type.isAssignableFrom(payloadType)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Paced(token);
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    private final class Paced implements BlockingStream<TrackedEventMessage<?>> {

        /** The last event read, given or passed over: where the next read starts. */
        private TrackingToken position;
        private Stream<? extends TrackedEventMessage<?>> read = Stream.empty();
        private Iterator<? extends TrackedEventMessage<?>> events = Collections.emptyIterator();
        private TrackedEventMessage<?> next;
        /** When the store may be read again ({@link System#nanoTime()}); the first read is at once. */
        private long due = System.nanoTime();
        /** When the current read began, on the clock events are stamped with. */
        private Instant began = Instant.MIN;

        Paced(TrackingToken from) {
            this.position = from;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            try {
                return Optional.ofNullable(next != null || advance(0) ? next : null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return next != null || advance(unit.toNanos(timeout));
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (next == null) {
                advance(pace);
            }
            TrackedEventMessage<?> taken = next;
            next = null;
            return taken;
        }

        /**
         * Finds the next event within {@code wait} nanoseconds. A read of the store ends at its
         * last event, or at the first event stored after it began: under a steady flow of
         * appends the store's stream never ends, and would read again after every few events.
         */
        private boolean advance(long wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait;
            boolean looked = false;
            while (true) {
                if (events.hasNext()) {
                    TrackedEventMessage<?> event = events.next();
                    position = event.trackingToken();
                    if (event.getTimestamp().isAfter(began)) {
                        end();
                    }
                    if (!handles(event.getPayloadType())) {
                        continue;
                    }
                    next = event;
                    return true;
                }
                end();
                long now = System.nanoTime();
                if (now - due < 0) {
                    long sleep = Math.min(due - now, deadline - now);
                    if (sleep <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.sleep(sleep);
                    continue;
                }
                if (looked && deadline - now <= 0) {
                    return false;
                }
                looked = true;
                began = Instant.now();
                read = engine.readEvents(position, false);
                events = read.iterator();
                due = System.nanoTime() + pace;
            }
        }

        /** A store's stream asked again after its end reads the store again: it is let go. */
        private void end() {
            events = Collections.emptyIterator();
            read.close();
        }

        @Override
        public void close() {
            read.close();
        }
    }
}
