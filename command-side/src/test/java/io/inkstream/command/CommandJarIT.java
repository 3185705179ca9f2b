package io.inkstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkstream.platform.testing.JarContents;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command side's jar runs against a MongoDB it is given: the embedded server (mongo-java-server,
 * its H2 store, our backend around it) is not in it.
 */
class CommandJarIT {

    @Test
    void jarHoldsNoEmbeddedMongoDB() throws Exception {
        List<String> entries = JarContents.of("inkstream-command-side");
        assertThat(entries).anyMatch(name -> name.startsWith("BOOT-INF/lib/eventstore-"));
        assertThat(entries).noneMatch(name -> name.startsWith("BOOT-INF/lib/mongo-java-server")
                || name.startsWith("BOOT-INF/lib/h2-") || name.startsWith("BOOT-INF/lib/embedded-mongo")
                || name.contains("io/inkstream/embedded/"));
    }
}
