package io.inkstream.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How a collection's documents are written in the standalone's file: as BSON. H2's default
 * type writes a document with Java serialization, a stream with its class descriptors for
 * each document each time a page is written again: most of what the standalone allocated
 * under load, and the young-generation pauses that followed.
 *
 * <p>A BSON document starts with a tag of its own, one H2's type never writes, so anything
 * BSON cannot hold can still be written, and read, H2's way.
 */
final class StoredDocuments extends ObjectDataType {

    /** A tag {@link ObjectDataType} leaves unused (it uses 0-19, 32-49 and 64-119). */
    static final byte BSON = 30;

    /** Bytes a document is counted for in H2's page sizes: twice its encoded size, as H2 counts. */
    private int average = 1_000;

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? average : super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer out, Object value) {
        if (!(value instanceof Document document)) {
            super.write(out, value);
            return;
        }
        ByteBuf encoded = Unpooled.buffer(average / 2);
        try {
            BsonEncoder.encodeDocument(document, encoded);
        } catch (IllegalArgumentException unsupported) {
            super.write(out, value);
            return;
        }
        int length = encoded.readableBytes();
        average = (int) ((length * 2L + 15L * average) / 16);
        out.put(BSON).putVarInt(length).put(encoded.nioBuffer());
    }

    @Override
    public Object read(ByteBuffer in) {
        if (in.get(in.position()) != BSON) {
            return super.read(in);
        }
        in.get();
        int length = DataUtils.readVarInt(in);
        ByteBuffer bytes = in.slice();
        bytes.limit(length);
        in.position(in.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }
}
