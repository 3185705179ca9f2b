package io.inkstream.query.admin;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * A dead-letter queue that remembers, for a second, that it is empty. A processor asks for every
 * event whether the event's aggregate has a dead letter (so that order holds); asked of MongoDB
 * that is a round trip per event, almost always answered "no". Asked here, it is one count a
 * second. A letter set aside by this instance is seen at once; one set aside by another instance
 * within a second, long before the aggregate's segment could move here (claims last 10 s).
 */
final class EmptyAwareDeadLetterQueue<M extends EventMessage<?>> implements SequencedDeadLetterQueue<M> {

    private static final long REMEMBER_NANOS = 1_000_000_000L;

    private final SequencedDeadLetterQueue<M> queue;
    private volatile long emptyUntil;

    EmptyAwareDeadLetterQueue(SequencedDeadLetterQueue<M> queue) {
        this.queue = queue;
    }

    private boolean knownEmpty() {
        long now = System.nanoTime();
        if (now - emptyUntil < 0) {
            return true;
        }
        if (queue.size() == 0) {
            emptyUntil = now + REMEMBER_NANOS;
            return true;
        }
        return false;
    }

    private void forget() {
        emptyUntil = System.nanoTime();
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return !knownEmpty() && queue.contains(sequenceIdentifier);
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends M> letter) {
        forget();
        queue.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public void evict(DeadLetter<? extends M> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends M> letter, UnaryOperator<DeadLetter<? extends M>> update) {
        forget();
        queue.requeue(letter, update);
    }

    @Override
    public Iterable<DeadLetter<? extends M>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends M>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends M>> filter,
            Function<DeadLetter<? extends M>, EnqueueDecision<M>> processingTask) {
        forget();
        return queue.process(filter, processingTask);
    }

    @Override
    public void clear() {
        forget();
        queue.clear();
    }
}
