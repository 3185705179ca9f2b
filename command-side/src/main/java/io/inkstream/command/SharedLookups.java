package io.inkstream.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lookups of one key, shared by the callers that ask at the same time: at most one runs per
 * key at once, and the callers that arrive meanwhile share the next one. Each caller's answer
 * thus comes from a lookup that started after it asked, as if it had looked itself. A post
 * that takes many replies at the same moment is checked once per round, not once per reply.
 */
public final class SharedLookups<T> {

    private static final int STRIPES = 64;

    private static final class Round<T> {
        final CompletableFuture<T> answer = new CompletableFuture<>();
    }

    private final ConcurrentHashMap<String, Round<T>> waiting = new ConcurrentHashMap<>();
    private final ReentrantLock[] running = new ReentrantLock[STRIPES];

    public SharedLookups() {
        for (int i = 0; i < STRIPES; i++) {
            running[i] = new ReentrantLock();
        }
    }

    public T get(String key, Supplier<T> lookup) {
        Round<T> round = waiting.computeIfAbsent(key, k -> new Round<>());
        ReentrantLock lock = running[Math.floorMod(key.hashCode(), STRIPES)];
        lock.lock();
        try {
            if (!round.answer.isDone()) {
                // First of this round to get here: close the round, so later callers start the
                // next one, and look up for everyone in it.
                waiting.remove(key, round);
                try {
                    round.answer.complete(lookup.get());
                } catch (RuntimeException e) {
                    round.answer.completeExceptionally(e);
                }
            }
        } finally {
            lock.unlock();
        }
        try {
            return round.answer.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
