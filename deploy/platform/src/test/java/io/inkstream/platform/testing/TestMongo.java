package io.inkstream.platform.testing;

import io.inkstream.platform.mongo.EmbeddedMongo;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One in-memory MongoDB per test JVM, listening before any Spring context starts. Test
 * classes register it with {@code @DynamicPropertySource}.
 */
public final class TestMongo {

    private static EmbeddedMongo mongo;

    private TestMongo() {
    }

    public static synchronized String uri() {
        if (mongo == null) {
            mongo = EmbeddedMongo.inMemory();
        }
        return mongo.uri("inkstream");
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", TestMongo::uri);
    }
}
