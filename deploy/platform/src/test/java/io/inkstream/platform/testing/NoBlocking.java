package io.inkstream.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound, installed once per test JVM: any blocking call on a non-blocking thread (a Netty
 * event loop, a Reactor parallel worker) fails that call and is remembered, so a test can
 * assert that a whole scenario ran without one.
 */
public final class NoBlocking {

    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private NoBlocking() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        BlockHound.Builder builder = BlockHound.builder();
        // The builder alone knows no thread as non-blocking: Reactor's and Netty's integrations
        // (found through the service loader) mark their event loops and parallel workers.
        ServiceLoader.load(BlockHoundIntegration.class).forEach(builder::with);
        // The MongoDB driver guards each connection's read state with a lock that is held for
        // a few instructions, on its own Netty loop; that is not blocking I/O.
        builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithLock");
        builder.allowBlockingCallsInside("com.mongodb.internal.Locks", "checkedWithInterruptibleLock");
        // Swagger UI's files come from a jar on the classpath; Spring WebFlux checks and reads
        // classpath resources synchronously. Operators' pages only, never the API.
        builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver", "getResource");
        // Jackson builds a deserializer once per type under a lock; a request decoding JSON on
        // the event loop can meet another thread building one. Not I/O, gone once warm.
        builder.allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
        // A metric's percentile histogram widens its range the first time a value falls outside
        // it, and yields while its reader swaps buffers: a scheduler hint, no I/O and no lock.
        builder.allowBlockingCallsInside("org.HdrHistogram.WriterReaderPhaser", "flipPhase");
        // A pool's idle worker waiting for its next task: the scheduler at rest, not a task
        // blocking. This covers only waits that began after installing (a worker already waiting
        // is reported when it wakes): hence Early, which installs before any test runs.
        builder.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "getTask");
        builder.blockingMethodCallback(method -> {
                    // Where it came from, so a failure on CI can be traced without reproducing it.
                    String where = method + " on " + Thread.currentThread().getName() + " at " + caller();
                    VIOLATIONS.add(where);
                    throw new BlockingOperationError(method);
                })
                .install();
        installed = true;
    }

    private static String caller() {
        String ours = StackWalker.getInstance().walk(frames -> frames
                .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                .filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("reactor.blockhound")
                        && !f.startsWith("io.inkstream.platform.testing"))
                .limit(8).collect(java.util.stream.Collectors.joining(" < ")));
        // No frame but the JDK's: then those, so the report still says where.
        return !ours.isEmpty() ? ours : StackWalker.getInstance().walk(frames -> frames
                .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                .filter(f -> !f.startsWith("reactor.blockhound") && !f.startsWith("io.inkstream.platform.testing"))
                .limit(12).collect(java.util.stream.Collectors.joining(" < ")));
    }

    /**
     * Installs BlockHound when a test JVM's launcher session opens, before any test class: a
     * class that started an application earlier left Reactor's workers in waits BlockHound never
     * saw begin, reported as blocking when they woke in a later class. A module that wants it
     * names this class in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
     */
    public static final class Early implements LauncherSessionListener {

        @Override
        public void launcherSessionOpened(LauncherSession session) {
            install();
        }
    }

    /** Whether BlockHound watches this JVM. */
    public static synchronized boolean installed() {
        return installed;
    }

    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    public static void forget() {
        VIOLATIONS.clear();
    }

    /**
     * Fails each test of the class that made a blocking call on a non-blocking thread:
     * {@code @ExtendWith(NoBlocking.Watch.class)}.
     */
    public static final class Watch implements BeforeAllCallback, AfterEachCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            install();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            assertThat(drain()).as("blocking calls on event-loop threads").isEmpty();
        }
    }

    /** The violations since the last call, which starts the next test with none. */
    public static List<String> drain() {
        List<String> seen = violations();
        VIOLATIONS.removeAll(seen);
        return seen;
    }
}
