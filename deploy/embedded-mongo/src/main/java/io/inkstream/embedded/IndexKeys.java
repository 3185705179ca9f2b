package io.inkstream.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Keys of the embedded server's unique indexes, written part by part and ordered without
 * serializing them. By default H2 orders keys of a type it does not know by
 * their Java-serialized bytes, so each comparison of a lookup serialized both keys: about
 * half of the embedded server's CPU under load went there.
 *
 * <p>The order is (a hash of the key's value, then its serialized bytes): two keys are equal
 * exactly when their bytes are, as in H2's own order. The hash must not change between runs, since the
 * order is kept on disk, so it is computed here from values, never from identity.
 */
final class IndexKeys extends ObjectDataType {

    /** Tags a key written part by part; a tag {@link ObjectDataType} leaves unused, as {@link StoredDocuments#BSON}. */
    static final byte KEY = 31;

    /** Classes whose {@code equals} holds exactly when their serialized bytes are equal. */
    private static final Set<Class<?>> PLAIN = Set.of(String.class, Double.class, Long.class, Integer.class,
            Boolean.class, ObjectId.class, UUID.class, Date.class, Instant.class);

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            if (x == y) {
                return 0;
            }
            int order = Integer.compare(hash(x), hash(y));
            if (order != 0) {
                return order;
            }
            if (plain(x) && x.equals(y)) {
                return 0;
            }
            return compareNotNull(serialize(x), serialize(y));
        }
        return super.compare(a, b);
    }

    /**
     * A key's parts each as H2 writes a value of its own: strings, numbers and dates in H2's
     * compact forms, anything else Java-serialized. The whole key Java-serialized, the
     * default, was the standalone's largest allocation under load (every commit writes again the
     * index pages on the path to each changed key).
     */
    @Override
    public void write(WriteBuffer out, Object value) {
        if (!(value instanceof KeyValue key)) {
            super.write(out, value);
            return;
        }
        out.put(KEY).putVarInt(key.size());
        for (Object part : key) {
            super.write(out, part);
        }
    }

    @Override
    public Object read(ByteBuffer in) {
        if (in.get(in.position()) != KEY) {
            return super.read(in);
        }
        in.get();
        Object[] parts = new Object[DataUtils.readVarInt(in)];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = super.read(in);
        }
        return new KeyValue(parts);
    }

    /** What H2 counts a key for in a page: its parts (H2 counts any object it serializes as 10 KB). */
    @Override
    public int getMemory(Object value) {
        if (!(value instanceof KeyValue key)) {
            return super.getMemory(value);
        }
        int memory = 24;
        for (Object part : key) {
            memory += super.getMemory(part);
        }
        return memory;
    }

    /** The same for equal values in every run; keys with equal bytes have equal values. */
    static int hash(Object value) {
        if (value == null) {
            return 0;
        }
        if (PLAIN.contains(value.getClass())) {
            return value.hashCode();
        }
        if (value instanceof Map<?, ?> map) {
            int hash = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                hash += hash(entry.getKey()) ^ hash(entry.getValue());
            }
            return hash;
        }
        if (value instanceof KeyValue || value instanceof Collection<?>) {
            int hash = 1;
            for (Object part : (Iterable<?>) value) {
                hash = 31 * hash + hash(part);
            }
            return hash;
        }
        // Other types may hash by identity: the bytes decide among them.
        return value.getClass().getName().hashCode();
    }

    private static boolean plain(KeyValue key) {
        for (Object part : key) {
            if (part != null && !PLAIN.contains(part.getClass())) {
                return false;
            }
        }
        return true;
    }
}
