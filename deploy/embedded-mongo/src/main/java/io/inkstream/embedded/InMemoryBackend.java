package io.inkstream.embedded;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The in-memory backend, its collections matching {@code $in} lookups by {@link InMatch}, and
 * keeping no data sizes.
 */
final class InMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new Collection(this, collectionName, options, cursorRegistry);
            }
        };
    }

    private static final class Collection extends MemoryCollection {

        private final InMatch in = new InMatch();

        Collection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        /** Sizes are for statistics, which nothing here reads; each write measured them by encoding the document. */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            return in.matches(document, query, super::documentMatchesQuery);
        }
    }
}
