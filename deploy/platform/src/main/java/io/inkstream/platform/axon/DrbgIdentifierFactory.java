package io.inkstream.platform.axon;

import io.inkstream.platform.web.Uuids;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message ids, drawn without blocking: Axon builds messages on whatever thread
 * dispatches them, event loops included, and its default reads /dev/urandom. Found by Axon
 * through the service loader.
 */
public class DrbgIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return Uuids.random();
    }
}
