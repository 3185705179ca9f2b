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
    }
}
