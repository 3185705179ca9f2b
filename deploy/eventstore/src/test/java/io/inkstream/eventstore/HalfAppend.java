package io.inkstream.eventstore;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * A writer process that stores the first two events of a unit of three, says so, and waits to
 * be killed: {@code HalfAppend <mongodb-uri> <database>}.
 */
public final class HalfAppend {

    private HalfAppend() {
    }

    public static void main(String[] args) throws InterruptedException {
        MongoDatabase db = MongoClients.create(args[0]).getDatabase(args[1]);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventLog log = new MongoEventLog(MongoEventLog.builder().database(db).eventSerializer(serializer)
                .snapshotSerializer(serializer)) {
            @Override
            void insert(List<Document> docs) {
                db.getCollection(EVENTS).insertMany(docs.subList(0, 2));
                System.out.println("half");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        log.appendEvents(List.of(MongoEventLogTest.event("a", 1, "a1"), MongoEventLogTest.event("b", 0, "b0"),
                MongoEventLogTest.event("a", 2, "a2")));
    }
}
