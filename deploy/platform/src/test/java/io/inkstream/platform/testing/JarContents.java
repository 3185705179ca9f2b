package io.inkstream.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

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
}
