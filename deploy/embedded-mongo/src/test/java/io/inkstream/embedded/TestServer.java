package io.inkstream.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.UUID;

/**
 * The MongoDB the tests run on: the one named by {@code -Dinkstream.test.mongodb-uri} (a real
 * replica set, say), else one in-memory server per test JVM, listening before anything connects.
 */
public final class TestServer {

    public static final String EXTERNAL = "inkstream.test.mongodb-uri";

    private static EmbeddedMongo mongo;
    private static MongoClient client;

    private TestServer() {
    }

    /** Whether the tests run against a server named from outside rather than the embedded one. */
    public static boolean external() {
        return !System.getProperty(EXTERNAL, "").isBlank();
    }

    /** A URI of the test server that names {@code database}. */
    public static synchronized String uri(String database) {
        if (external()) {
            return withDatabase(System.getProperty(EXTERNAL).strip(), database);
        }
        if (mongo == null) {
            mongo = EmbeddedMongo.inMemory();
        }
        return mongo.uri(database);
    }

    /**
     * A database of its own on the test server, {@code prefix-xxxxxxxx}, through one client the
     * test JVM shares: tests that each want a fresh store need no client of their own.
     */
    public static synchronized MongoDatabase database(String prefix) {
        if (client == null) {
            client = MongoClients.create(uri("inkstream"));
        }
        return client.getDatabase(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** {@code uri} with its path set to {@code database}, its options kept. */
    static String withDatabase(String uri, String database) {
        int scheme = uri.indexOf("://");
        int query = uri.indexOf('?', scheme + 3);
        String options = query < 0 ? "" : uri.substring(query);
        String rest = query < 0 ? uri : uri.substring(0, query);
        int path = rest.indexOf('/', scheme + 3);
        String hosts = path < 0 ? rest : rest.substring(0, path);
        return hosts + "/" + database + options;
    }
}
