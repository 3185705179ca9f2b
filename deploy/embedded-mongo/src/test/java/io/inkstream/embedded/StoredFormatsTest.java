package io.inkstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/** How the embedded server's file holds documents and index keys, against H2's default. */
class StoredFormatsTest {

    static ByteBuffer written(DataType<Object> type, Object value) {
        WriteBuffer out = new WriteBuffer();
        type.write(out, value);
        return out.getBuffer().flip();
    }

    @Test
    void indexKeysAreWrittenSmallAndReadBackEqual() {
        KeyValue key = new KeyValue("post-7f3a", 42L, 7, new ObjectId("65a1b2c3d4e5f60718293a4b"), Instant.ofEpochSecond(1_700_000_000), null);
        ByteBuffer now = written(new IndexKeys(), key);
        ByteBuffer before = written(new ObjectDataType(), key);

        assertThat(new IndexKeys().read(now.duplicate())).isEqualTo(key);
        // Java serialization wrote the key with its class descriptors.
        assertThat(now.remaining()).isLessThan(before.remaining() / 2);
        // A key written whole, as files written before hold them, still reads.
        assertThat(new IndexKeys().read(before)).isEqualTo(key);
    }

    @Test
    void anIndexKeyIsCountedForItsPartsInAPage() {
        // H2 counts an object it would serialize as 10 KB: pages of index keys split after one or two.
        assertThat(new IndexKeys().getMemory(new KeyValue("reply-1", 3L))).isLessThan(200);
    }

    @Test
    void documentsAreWrittenSmallAndReadBackEqual() {
        Document document = new Document("_id", "reply-1").append("postId", "post-1").append("depth", 2)
                .append("at", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("body", new Document("html", "<p>A reply</p>").append("words", java.util.List.of("a", "reply")));
        ByteBuffer now = written(new StoredDocuments(), document);
        ByteBuffer before = written(new ObjectDataType(), document);

        assertThat(now.get(0)).isEqualTo(StoredDocuments.BSON);
        assertThat(new StoredDocuments().read(now.duplicate())).isEqualTo(document);
        assertThat(now.remaining()).isLessThan(before.remaining() / 2);
        assertThat(new StoredDocuments().read(before)).isEqualTo(document);
    }
}
