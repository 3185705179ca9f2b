package io.inkstream.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether a TCP connection to this process comes from this process itself, told by the kernel:
 * the connection's other end is a socket of the kernel's tables ({@code /proc/net/tcp}) whose
 * inode is among this process's open files ({@code /proc/self/fd}). The standalone's embedded
 * MongoDB has no authentication, so it serves only its own process: any other local process
 * could otherwise read the password hashes or write itself an admin login.
 */
final class LocalPeers {

    private static final Path TABLES = Path.of("/proc/net");
    private static final Path OWN_FILES = Path.of("/proc/self/fd");

    private LocalPeers() {
    }

    /** Whether the kernel's tables can be read here (Linux); elsewhere nothing can be told. */
    static boolean supported() {
        return Files.isReadable(TABLES.resolve("tcp")) && Files.isDirectory(OWN_FILES);
    }

    /**
     * Whether the connection whose far end is {@code peer}, made to {@code serverPort}, was made
     * from this process.
     */
    static boolean ownProcess(InetSocketAddress peer, int serverPort) {
        Optional<String> inode = inode(peer.getPort(), serverPort);
        if (inode.isEmpty()) {
            return false;
        }
        String socket = "socket:[" + inode.get() + "]";
        try (Stream<Path> files = Files.list(OWN_FILES)) {
            return files.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(socket);
                } catch (IOException | UnsupportedOperationException gone) {
                    return false; // closed meanwhile, or not a link
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /** The inode of the socket whose local port is {@code port} and remote port {@code remotePort}. */
    private static Optional<String> inode(int port, int remotePort) {
        String local = ":" + hex(port);
        String remote = ":" + hex(remotePort);
        for (String table : List.of("tcp", "tcp6")) {
            try (Stream<String> lines = Files.lines(TABLES.resolve(table))) {
                Optional<String> found = lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(f -> f.length > 9 && f[1].endsWith(local) && f[2].endsWith(remote))
                        .map(f -> f[9]).findFirst();
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException | RuntimeException unreadable) {
                // that table is not there (no IPv6): look in the other
            }
        }
        return Optional.empty();
    }

    private static String hex(int port) {
        return String.format(Locale.ROOT, "%04X", port);
    }
}
