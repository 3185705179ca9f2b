package io.inkstream.platform.web;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs that are safe to make on an event loop. {@link UUID#randomUUID()}
 * reads {@code /dev/urandom} through a blocking file read on each refill; a DRBG seeded once,
 * when this class loads at startup, makes them in memory.
 */
public final class Uuids {

    private static final SecureRandom RANDOM = drbg();

    private Uuids() {
    }

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private static SecureRandom drbg() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[16]); // seeds it now, off any event loop
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no DRBG", e);
        }
    }
}
