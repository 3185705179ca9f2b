package io.inkstream.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.assertj.core.api.Assertions;

/** The entries of a built jar, as a client of the build sees them. */
public final class JarContents {

    private JarContents() {
    }

    /** Every entry name of the jar the module's package phase built, under target/. */
    public static List<String> of(String finalName) throws IOException {
        Path jar = Path.of("target", finalName + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is not built: run this test with mvn verify");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(java.util.zip.ZipEntry::getName).toList();
        }
    }

    /**
     * The side's jar runs against a MongoDB it is given: it holds the event store, and not the
     * embedded server (mongo-java-server, its H2 store, our backend around it).
     */
    public static void holdNoEmbeddedMongo(String finalName) throws IOException {
        List<String> entries = of(finalName);
        Assertions.assertThat(entries).anyMatch(name -> name.startsWith("BOOT-INF/lib/eventstore-"));
        Assertions.assertThat(entries).noneMatch(name -> name.startsWith("BOOT-INF/lib/mongo-java-server")
                || name.startsWith("BOOT-INF/lib/h2-") || name.startsWith("BOOT-INF/lib/embedded-mongo")
                || name.contains("io/inkstream/embedded/"));
    }
}
