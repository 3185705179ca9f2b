package io.inkstream.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret kept in a file (the standalone's data directory): read if it is there, else made
 * once, written readable by its owner only, so it outlives a restart.
 */
public final class SecretFile {

    private static final Logger log = LoggerFactory.getLogger(SecretFile.class);

    private SecretFile() {
    }

    /** The file's text; made by {@code make} when there is no file, and said in the log as {@code what}. */
    public static String readOrCreate(Path file, Supplier<String> make, String what) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String secret = make.get();
            Files.writeString(file, secret);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("no POSIX permissions here for {}", file);
            }
            log.info("Generated {} in {}", what, file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + what + " " + file, e);
        }
    }
}
