package io.inkstream.platform.web;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/** Strong validators: an answer's {@code ETag} as a hash of its bytes, the same on every instance that makes them. */
public final class ContentTags {

    private ContentTags() {
    }

    public static String of(byte[] body) {
        return of(List.of(ByteBuffer.wrap(body)).iterator());
    }

    /** The tag of the bytes the chunks have left, in order (a buffer's parts); moves their positions. */
    public static String of(Iterator<ByteBuffer> chunks) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        chunks.forEachRemaining(sha::update);
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha.digest(), 16)) + "\"";
    }
}
