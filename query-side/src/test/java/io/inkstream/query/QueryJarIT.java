package io.inkstream.query;

import io.inkstream.platform.testing.JarContents;
import org.junit.jupiter.api.Test;

/** The query side's jar holds no embedded MongoDB. */
class QueryJarIT {

    @Test
    void jarHoldsNoEmbeddedMongoDB() throws Exception {
        JarContents.holdNoEmbeddedMongo("inkstream-query-side");
    }
}
