package io.inkstream.command;

import io.inkstream.platform.testing.JarContents;
import org.junit.jupiter.api.Test;

/** The command side's jar holds no embedded MongoDB. */
class CommandJarIT {

    @Test
    void jarHoldsNoEmbeddedMongoDB() throws Exception {
        JarContents.holdNoEmbeddedMongo("inkstream-command-side");
    }
}
