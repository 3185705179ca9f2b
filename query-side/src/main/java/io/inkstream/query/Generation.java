package io.inkstream.query;

import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;

/**
 * Where a read model's documents are: the live collections, the fresh ones a replay builds,
 * or scratch ones that time travel fills and drops. Projections and views are written against
 * this, so the same code serves all three.
 */
@FunctionalInterface
public interface Generation {

    MongoCollection<Document> get(String name);
}
