package io.inkstream.platform.axon;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Read-model writes of one tracking batch, stored together when its unit of work commits, and
 * the batch's token stored only after them.
 *
 * <p>Why the token waits: without transactions (MongoDB here), a tracking processor stores its
 * token in the commit's first step, before a projection's deferred writes. Had those writes
 * failed, the token would already say the batch was handled, and the batch would be lost to
 * that read model. {@link DeferringTokenStore} hands the token to the batch instead, which
 * stores it once its writes are in; if they fail, the batch is handled again from the old
 * token, which the projections' idempotent writes allow.
 */
public final class BatchedWrites {

    private static final String KEY = BatchedWrites.class.getName();

    private final List<Runnable> flushes = new ArrayList<>();
    private final List<Runnable> afterFlush = new ArrayList<>();

    private BatchedWrites() {
    }

    /**
     * The current batch's buffer for {@code owner}: made by {@code create} on the batch's first
     * use, and handed to {@code flush} when the batch commits (projections store their writes
     * there; the live feeds read a batch's changes there, at once). Empty without a unit of work (a
     * handler called directly, as time travel does): the caller then writes at once.
     */
    public static <T> java.util.Optional<T> buffer(String owner, java.util.function.Supplier<T> create,
            java.util.function.Consumer<T> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            return java.util.Optional.empty();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        BatchedWrites writes = root.getOrComputeResource(KEY, key -> {
            BatchedWrites created = new BatchedWrites();
            root.onPrepareCommit(u -> created.flush());
            return created;
        });
        return java.util.Optional.of(root.getOrComputeResource(KEY + "/" + owner, key -> {
            T made = create.get();
            writes.flushes.add(() -> flush.accept(made));
            return made;
        }));
    }

    /** Runs {@code store} after the current batch's writes, if it has any; else at once. */
    static void afterWrites(Runnable store) {
        if (CurrentUnitOfWork.isStarted()) {
            BatchedWrites writes = CurrentUnitOfWork.get().root().getResource(KEY);
            if (writes != null) {
                writes.afterFlush.add(store);
                return;
            }
        }
        store.run();
    }

    private void flush() {
        flushes.forEach(Runnable::run);
        afterFlush.forEach(Runnable::run);
    }
}
