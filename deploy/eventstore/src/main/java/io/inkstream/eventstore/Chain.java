package io.inkstream.eventstore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bson.Document;

/**
 * The hashes that make the store tamper-evident. An event's hash covers its stored form (the
 * encrypted form, where a field is encrypted, so erasing a key breaks no chain) and the hash of
 * the event before it in its aggregate's stream; a checkpoint's hash covers the one before it
 * and the index and hash of every event in its range. Each field is written with its length, so
 * no two different events share an input.
 */
final class Chain {

    /** The fields of an event its hash covers: all it was stored with but its position. */
    static final String[] FIELDS = {"aggregateIdentifier", "type", "eventIdentifier", "timestamp", "payloadType",
            "payloadRevision", "payload", "metaData"};
    /** Where a stream's chain starts: its first event, or the first stored after chains came in. */
    static final String START = "";

    private Chain() {
    }

    static String event(String previous, Document event) {
        MessageDigest digest = sha256();
        text(digest, previous);
        for (String field : FIELDS) {
            text(digest, event.getString(field));
        }
        Number sequence = event.get("sequenceNumber", Number.class);
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(sequence == null ? -1 : sequence.longValue()).array());
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A running digest over a range of the global order. */
    static final class Running {
        private final MessageDigest digest = sha256();

        Running(String previous) {
            text(digest, previous);
        }

        void add(long index, String eventHash) {
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(index).array());
            text(digest, eventHash);
        }

        String finish() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static void text(MessageDigest digest, String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
