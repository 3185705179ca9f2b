package io.inkstream.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.platform.testing.TestMongo;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import reactor.core.publisher.Flux;

/** A fresh database on the embedded MongoDB for each projection test, and ways to look into it. */
public final class ReadModelTesting {

    private static MongoClient client;

    private ReadModelTesting() {
    }

    public static synchronized MongoDatabase freshDatabase() {
        if (client == null) {
            client = MongoClients.create(TestMongo.uri());
        }
        return client.getDatabase("projection-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The database's own collections, with the read models' indexes in place. */
    public static Generation collections(MongoDatabase database) {
        Generation collections = database::getCollection;
        ReadModelIndexes.create(collections);
        return collections;
    }

    /** Every document of a collection, by id. */
    public static List<Document> all(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find().sort(new Document("_id", 1))).collectList().block();
    }

    public static Document one(MongoDatabase database, String collection, String id) {
        return Flux.from(database.getCollection(collection).find(new Document("_id", id))).next().block();
    }
}
