package io.inkstream.platform.testing;

import io.inkstream.embedded.TestServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The tests' MongoDB, listening before any Spring context starts ({@link TestServer}: the
 * embedded one, or the one {@code -Dinkstream.test.mongodb-uri} names). Test classes register
 * it with {@code @DynamicPropertySource}.
 */
public final class TestMongo {

    private TestMongo() {
    }

    public static String uri() {
        return TestServer.uri("inkstream");
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", TestMongo::uri);
        // The contexts of one test JVM share this database, and Spring keeps each alive for reuse,
        // its processors running. As one node they share the processors' segments (each projects
        // every event, which projections absorb); as the separate processes they would be by
        // default, the first would keep every segment from the later ones, whose handlers (and
        // replays) the tests watch.
        registry.add("inkstream.node", () -> "tests");
    }
}
