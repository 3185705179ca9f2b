package io.inkstream.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, run as API.md's "Running" says: it answers health, serves both sides on one
 * port, and stops on SIGTERM with a clean exit, keeping what it acknowledged.
 */
class ProcessIT {

    @TempDir
    Path data;

    @Test
    void standaloneJarServesStopsCleanlyOnSigtermAndKeepsItsData() throws Exception {
        Map<String, String> env = Map.of("INKSTREAM_DATA_DIR", data.resolve("store").toString());
        Path log = data.resolve("process.log");
        try (Processes processes = new Processes()) {
            int port = Processes.freePort();
            Process process = processes.startServing(Processes.STANDALONE, port, env, log);
            var registered = processes.post(port, "/authors", "admin", "admin",
                    "{\"authorId\":\"jon-ingham\",\"displayName\":\"Jon Ingham\",\"password\":\"s3cret-pass\"}");
            assertThat(registered.statusCode()).isEqualTo(201);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
            assertThat(process.exitValue()).as("exit status after SIGTERM").isIn(0, 143);

            processes.startServing(Processes.STANDALONE, port, env, log);
            var token = processes.post(port, "/auth/token", "jon-ingham", "s3cret-pass", "");
            assertThat(token.statusCode()).isEqualTo(200);
        }
        assertThat(Files.readString(log)).doesNotContain("s3cret-pass");
    }
}
