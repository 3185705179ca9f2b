package io.inkstream.platform.axon;

/** Metadata keys that every command, and so every stored event, carries. */
public final class Metadata {

    public static final String PRINCIPAL = "principal";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    private Metadata() {
    }
}
