package io.inkstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone's embedded MongoDB, as another local process and its owner see it. */
class EmbeddedMongoTest {

    @TempDir
    Path dir;

    /** Run in a JVM of its own: pings the server on the port given, and exits 0 if answered. */
    public static void main(String[] args) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + args[0]))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(3, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(3, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            client.getDatabase("inkstream").getCollection("credentials").find().first();
            System.exit(0);
        } catch (RuntimeException refused) {
            System.exit(3);
        }
    }

    static int pingFromAnotherProcess(int port) throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedMongoTest.class.getName(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return other.exitValue();
    }

    @Test
    void servesItsOwnProcessOnlyAndKeepsItsFileToItsOwner() throws Exception {
        assumeTrue(LocalPeers.supported(), "the kernel's socket tables are readable (Linux)");
        Path data = dir.resolve("data");
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(data, "127.0.0.1", 0, name -> false, true);
                MongoClient own = MongoClients.create(mongo.uri("inkstream"))) {
            own.getDatabase("inkstream").getCollection("credentials").insertOne(new Document("_id", "jane"));
            assertThat(own.getDatabase("inkstream").getCollection("credentials").countDocuments()).isEqualTo(1);

            assertThat(pingFromAnotherProcess(mongo.port())).isEqualTo(3);
            assertThat(Files.getPosixFilePermissions(data.resolve("inkstream.mv")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void inMongoModeItServesOtherProcesses() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dir.resolve("shared"), "127.0.0.1", 0, name -> false, false)) {
            assertThat(pingFromAnotherProcess(mongo.port())).isEqualTo(0);
        }
    }
}
