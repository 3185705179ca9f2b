package io.inkstream.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with documents stored as BSON ({@link StoredDocuments}) and
 * unique indexes ordered by {@link IndexKeys}, in maps named apart from H2Database's own (a
 * file of mongo-java-server's own backend does not open as this one's).
 *
 * <p>A stored document is never changed in place: an update changes a copy and stores that.
 * (mongo-java-server changes the stored object itself, which a commit may be serializing: see
 * {@link SnapshotFileStore}.)
 */
final class StableH2Backend extends H2Backend {

    /** Added to the name H2Database gives an index's map. */
    static final String SUFFIX = "#hashed";
    /** Prefixes of a collection's maps, as H2Database names them. */
    private static final String DOCUMENTS = "databases.";
    private static final String META = "meta.";
    /** Whether this thread is updating documents: they are then copied as they are found. */
    private static final ThreadLocal<Boolean> UPDATING = ThreadLocal.withInitial(() -> false);

    StableH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /** Inner, so that it reaches the store while H2Database's constructor opens its indexes. */
    private final class Database extends H2Database {

        Database(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        private String mapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVMap<KeyValue, Object> map = getMvStore().openMap(mapName(collectionName, indexName) + SUFFIX,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeys()));
            return new UniqueIndex(map, indexName, keys, sparse);
        }

        /** The documents' map with {@link StoredDocuments}: H2Database opens it with H2's default type. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore store = getMvStore();
            String name = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = store.openMap(DOCUMENTS + name,
                    new MVMap.Builder<Object, Document>().valueType(new StoredDocuments()));
            MVMap<String, Object> meta = store.openMap(META + name);
            return new CopyOnUpdate(this, collectionName, options, documents, meta, cursorRegistry);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(mapName(collection.getCollectionName(), indexName) + SUFFIX);
        }
    }

    /**
     * A collection whose updates store changed copies, never changing a stored document, and
     * whose {@code $in} lookups are matched by {@link InMatch}; it keeps no data sizes.
     */
    private static final class CopyOnUpdate extends H2Collection {

        private final InMatch in = new InMatch();

        CopyOnUpdate(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> documents,
                MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, documents, meta, cursors);
        }

        @Override
        public Document updateDocuments(Document selector, Document update, ArrayFilters filters, boolean multi,
                boolean upsert, Oplog oplog) {
            return updating(() -> super.updateDocuments(selector, update, filters, multi, upsert, oplog));
        }

        @Override
        public Document findAndModify(Document query) {
            return updating(() -> super.findAndModify(query));
        }

        private static Document updating(Supplier<Document> update) {
            boolean outer = UPDATING.get();
            UPDATING.set(true);
            try {
                return update.get();
            } finally {
                UPDATING.set(outer);
            }
        }

        /**
         * Sizes are for statistics ({@code collStats}), which nothing here reads; each write
         * measured them by encoding the whole document again, a sixth of the server's CPU under appends.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            return in.matches(document, query, super::documentMatchesQuery);
        }

        /** Every query of an update comes here with the stored documents: it gets copies of those that match. */
        @Override
        protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int skip, int limit,
                int batchSize, Comparator<Document> order, Document fields) {
            Stream<Document> found = UPDATING.get()
                    ? documents.filter(document -> documentMatchesQuery(document, query)).map(Document::cloneDeeply)
                    : documents;
            return super.matchDocumentsFromStream(query, found, skip, limit, batchSize, order, fields);
        }
    }

    /** A unique index over one map: key to the document's position (its {@code _id}). */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
